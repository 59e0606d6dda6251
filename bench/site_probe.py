"""Questions `make bench` asks a site from inside it (Ptashka or stock Oscar, each in its own venv).

    DJANGO_SETTINGS_MODULE=... DATABASE_URL=... python bench/site_probe.py resolve MANIFEST
    ... python bench/site_probe.py add-shopper EMAIL PASSWORD
    ... python bench/site_probe.py queries PAGES_JSON

`resolve` turns the generator's manifest into this site's paths and the product titles each page
must show; `queries` GETs pages once through Django's test client, with the same settings and
database as the server, and counts SQL queries and bytes. Each prints one JSON document on stdout.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def set_up_django():
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        sys.exit("Set DJANGO_SETTINGS_MODULE (and DATABASE_URL) to the site to probe.")
    import django

    django.setup()


def _titles(products):
    return list(products.values_list("title", flat=True))


def resolve(manifest_path):
    """Paths of the measured pages in this site, each with the titles it must show (any of them)."""
    from django.apps import apps
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    manifest = json.loads(Path(manifest_path).read_text())
    browsable = Product.objects.browsable()
    everything = _titles(browsable)
    category = Category.objects.get(pk=manifest["category"]["pk"])
    word = manifest["search"]["word"]
    parent = manifest["parent_product"]
    standalone = manifest["standalone_product"]
    pages = {
        "catalogue": {"path": "/catalogue/", "titles": everything},
        "category": {
            "path": category.get_absolute_url(),
            "titles": _titles(browsable.filter(categories__in=category.get_descendants_and_self())),
        },
        "product_variants": {
            "path": Product.objects.get(upc=parent["upc"]).get_absolute_url(),
            "titles": [parent["title"]],
        },
        "product_standalone": {
            "path": Product.objects.get(upc=standalone["upc"]).get_absolute_url(),
            "titles": [standalone["title"]],
        },
        "search": {"path": f"/search/?q={word}", "titles": _titles(browsable.filter(title__icontains=word))},
    }
    if apps.is_installed("wagtail"):
        # Ptashka: the Wagtail home and a demo campaign (landing) page show the demo's products.
        from cms.landing import LandingPage

        campaign = LandingPage.objects.live().public().order_by("path").first()
        if campaign is not None:
            pages["campaign"] = {"path": campaign.url, "titles": everything}
        pages["home"] = {"path": "/", "titles": everything}
    if apps.is_installed("oscarapi"):
        # oscarapi lists every product, variants included (theirs carry no title of their own): by UPC.
        upcs = list(Product.objects.exclude(upc="").values_list("upc", flat=True))
        pages["api_products"] = {"path": "/api/products/", "titles": upcs}
    basket_products = [
        {"upc": product.upc, "pk": product.pk, "title": product.title, "path": product.get_absolute_url()}
        for product in Product.objects.filter(upc__in=manifest["basket_upcs"]).order_by("upc")
    ]
    return {"pages": pages, "basket_products": basket_products}


def add_shopper(email, password):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    shopper = User.objects.filter(email=email).first() or User(email=email)
    if User.USERNAME_FIELD != "email":
        setattr(shopper, User.USERNAME_FIELD, email.split("@")[0])
    shopper.set_password(password)
    shopper.is_active = True
    shopper.save()
    # A run reusing the data fills the basket again: it starts empty, whatever the last run left.
    from oscar.core.loading import get_model

    Basket = get_model("basket", "Basket")
    Basket.objects.filter(owner=shopper, status=Basket.OPEN).delete()
    return {"email": email}


def count_queries(pages):
    """Each page GET once: status, queries and body bytes, as the server would answer it."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    host = settings.ALLOWED_HOSTS[0]
    answers = []
    for page in pages:
        client = Client(HTTP_HOST=host)
        for name, value in page.get("cookies", {}).items():
            client.cookies[name] = value
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page["path"])
        body = b"".join(response.streaming_content) if response.streaming else response.content
        answers.append(
            {
                "key": page["key"],
                "variant": page["variant"],
                "status": response.status_code,
                "queries": len(queries.captured_queries),
                "bytes": len(body),
            }
        )
    return answers


def main(argv):
    if len(argv) < 2 or argv[0] not in ("resolve", "add-shopper", "queries"):
        sys.exit(__doc__)
    set_up_django()
    if argv[0] == "resolve":
        answer = resolve(argv[1])
    elif argv[0] == "add-shopper":
        answer = add_shopper(argv[1], argv[2])
    else:
        answer = count_queries(json.loads(Path(argv[1]).read_text()))
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
