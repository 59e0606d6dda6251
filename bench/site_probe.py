"""Questions `make bench` asks a site from inside it (Ptashka or stock Oscar, each in its own venv).

    DJANGO_SETTINGS_MODULE=... DATABASE_URL=... python bench/site_probe.py resolve MANIFEST
    ... python bench/site_probe.py add-shopper EMAIL PASSWORD
    ... python bench/site_probe.py queries PAGES_JSON
    ... python bench/site_probe.py profile PAGES_JSON

`resolve` turns the generator's manifest into this site's paths and the product titles each page
must show; `queries` GETs pages once through Django's test client, with the same settings and
database as the server, and counts SQL queries and bytes; `profile` GETs each page repeatedly in
one process, without load, and says where its time goes (see profile_pages). Each prints one JSON
document on stdout.
"""

import cProfile
import json
import os
import pstats
import sys
import time
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


def with_cookies(client, page):
    for name, value in page.get("cookies", {}).items():
        client.cookies[name] = value
    return client


def count_queries(pages):
    """Each page's second GET: status, queries and body bytes, as a warm server would answer it."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    host = settings.ALLOWED_HOSTS[0]
    answers = []
    for page in pages:
        # The second GET is counted: the first in this process loads what each worker keeps for
        # every later request (menus, the category tree), which a server under load has already.
        # Each from a client with only the page's cookies, as wrk sends them: the first GET of a
        # product page gives the client a recently-viewed cookie an anonymous visitor has not.
        with_cookies(Client(HTTP_HOST=host), page).get(page["path"])
        client = with_cookies(Client(HTTP_HOST=host), page)
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


# Where a function's own time is counted, by the first of these its file path contains; a built-in
# (a C function: getattr, str.join, a socket read) counts where it was called from.
AREAS = (
    ("psycopg2", "database (waiting on PostgreSQL)"),
    ("/django/db/", "ORM (building SQL, making objects)"),
    ("/django/template/", "templates"),
    ("/templatetags/", "templates"),
    ("/django/utils/html.py", "templates"),
    ("/django/utils/safestring.py", "templates"),
    ("/django/utils/formats.py", "templates"),
    ("/django/utils/numberformat.py", "templates"),
    ("/offer/", "basket and offers"),
    ("/basket/", "basket and offers"),
    ("/django/urls/", "URL reversing"),
    ("/django/utils/translation/", "translation"),
    ("gettext.py", "translation"),
    ("/redis/", "Redis and the cache"),
    ("/django/core/cache/", "Redis and the cache"),
)
OTHER = "other Python (middleware, views, pricing, …)"


def area_of(filename, function):
    if filename == "~":
        # cProfile names C functions by their repr: "<method 'execute' of 'psycopg2…cursor' objects>".
        return "database (waiting on PostgreSQL)" if "psycopg2" in function else None
    for part, area in AREAS:
        if part in filename.replace(os.sep, "/"):
            return area
    return OTHER


def time_by_area(stats):
    """Seconds of own time per area; a C function's time goes to the areas of its callers."""
    areas = {}
    for (filename, _line, function), (_calls, _primitive, own, _total, callers) in stats.stats.items():
        area = area_of(filename, function)
        if area is not None:
            areas[area] = areas.get(area, 0.0) + own
            continue
        for (caller_file, _caller_line, caller_function), caller_share in callers.items():
            caller_area = area_of(caller_file, caller_function) or OTHER
            # callers maps each caller to (calls, primitive calls, own time, total time) from it.
            areas[caller_area] = areas.get(caller_area, 0.0) + caller_share[2]
    return areas


def profile_pages(pages, requests=20, seconds=3.0):
    """Each page GET up to `requests` times (fewer for a slow page: about `seconds` of them) after 3
    warm-up GETs: ms per request without a profiler, and the share of each area under cProfile
    (which slows Python down, not the shares)."""
    from django.conf import settings
    from django.test import Client

    host = settings.ALLOWED_HOSTS[0]
    answers = []
    for page in pages:
        client = with_cookies(Client(HTTP_HOST=host), page)
        for _ in range(3):
            started = time.perf_counter()
            status = client.get(page["path"]).status_code
        count = max(3, min(requests, int(seconds / (time.perf_counter() - started))))
        started = time.perf_counter()
        for _ in range(count):
            client.get(page["path"])
        milliseconds = (time.perf_counter() - started) * 1000 / count
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(count):
            client.get(page["path"])
        profiler.disable()
        areas = time_by_area(pstats.Stats(profiler))
        total = sum(areas.values()) or 1.0
        answers.append(
            {
                "key": page["key"],
                "variant": page["variant"],
                "status": status,
                "requests": count,
                "ms_per_request": milliseconds,
                "shares": {area: seconds / total for area, seconds in sorted(areas.items())},
            }
        )
    return answers


COMMANDS = ("resolve", "add-shopper", "queries", "profile")


def main(argv):
    if len(argv) < 2 or argv[0] not in COMMANDS:
        sys.exit(__doc__)
    set_up_django()
    if argv[0] == "resolve":
        answer = resolve(argv[1])
    elif argv[0] == "add-shopper":
        answer = add_shopper(argv[1], argv[2])
    elif argv[0] == "queries":
        answer = count_queries(json.loads(Path(argv[1]).read_text()))
    else:
        answer = profile_pages(json.loads(Path(argv[1]).read_text()))
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
