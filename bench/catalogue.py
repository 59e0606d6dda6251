"""A deterministic synthetic catalogue for the benchmark, written into any site that runs Oscar's apps.

    DJANGO_SETTINGS_MODULE=... DATABASE_URL=... python bench/catalogue.py --products 10000 \
        [--categories 50] [--seed 1] [--media-root DIR] [--manifest PATH] [--replace]

It uses only Oscar's models (through ``get_model``) and their abstract fields, so the same command
fills Ptashka and the stock Oscar reference site with the same products, prices and stock. Every
row it makes is marked (UPCs and slugs start with ``bench-``), which is how a second run knows the
catalogue is already there and how ``--replace`` finds what to delete. The JSON manifest names the
pages the runner measures by keys that resolve in either site (UPCs, slugs).
"""

import argparse
import json
import math
import os
import random
import secrets
import sys
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

UPC_PREFIX = "BENCH-"
SLUG_PREFIX = "bench-"
PARTNER_CODE = "bench-partner"
SHOPPER_USERNAME = "bench-shopper"
SHOPPER_EMAIL = "bench-shopper@example.com"
OFFER_PREFIX = "Bench: "
IMAGE_DIR = "images/products/bench"
IMAGE_COUNT = 100
IMAGE_SIZE = 800
SIZES = ("S", "M", "L", "XL")
BATCH_SIZE = 2000
BASKET_LINE_COUNT = 10

# Words a shopper would search for. Each is given to a small share of titles (about 2 %), as in a
# real gift shop where "mug" is one kind of thing among many, so a search has tens of hits at 10k.
SEARCH_NOUNS = ("mug", "jug")
SEARCH_MATERIALS = ("linen", "wool")
SEARCH_WORD_SHARE = 0.02

HOMEWARE_NOUNS = (
    "bowl", "plate", "vase", "candle holder", "tray", "cushion cover", "blanket", "tea towel",
    "napkin set", "basket", "planter", "teapot", "cup", "serving board", "table runner",
    "throw", "lantern", "coaster set", "butter dish", "salad bowl", "bread bin", "pitcher",
)  # fmt: skip
CLOTHING_NOUNS = (
    "shirt", "dress", "scarf", "apron", "cardigan", "tunic", "vest", "skirt", "jacket",
    "embroidered blouse", "sweater", "poncho",
)  # fmt: skip
MATERIALS = (
    "ceramic", "stoneware", "oak", "ash", "willow", "cotton", "hemp", "clay", "glass",
    "walnut", "porcelain", "felt", "birch", "copper",
)  # fmt: skip
ADJECTIVES = (
    "Hand-painted", "Rustic", "Glazed", "Embroidered", "Woven", "Carved", "Speckled", "Striped",
    "Sunflower", "Meadow", "Midnight", "Amber", "Honey", "Forest", "River", "Blossom", "Folk",
    "Petrykivka", "Kosiv", "Poltava", "Carpathian", "Steppe", "Harvest", "Little bird",
)  # fmt: skip
COLOURS = (
    "blue", "ochre", "white", "red", "green", "charcoal", "sand", "plum", "mustard", "teal",
)  # fmt: skip
DESCRIPTION_SENTENCES = (
    "Made in a small workshop by makers we know by name.",
    "Each piece is a little different, which is the point.",
    "A gift that gets used every day, not kept in a cupboard.",
    "Finished by hand and checked before it leaves us.",
    "Pairs well with the rest of the collection.",
    "Wash gently and it will last for years.",
    "Traditional patterns, drawn afresh for a modern home.",
    "Packed in recycled paper, ready to give.",
)
TOP_CATEGORY_NAMES = (
    "Kitchen", "Tableware", "Textiles", "Clothing", "Decor", "Garden", "Bath", "Lighting",
    "Stationery", "Toys",
)  # fmt: skip
CHILD_CATEGORY_WORDS = (
    "Everyday", "Festive", "Handmade", "Vintage", "Modern", "Classic", "Seasonal", "Gift",
)  # fmt: skip


class CatalogueAlreadyThere(Exception):
    """Bench products exist already; without --replace the generator changes nothing."""


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000, help="browsable products (default 10000)")
    parser.add_argument("--categories", type=int, default=50, help="categories in a two-level tree")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same catalogue")
    parser.add_argument("--media-root", type=Path, help="where the JPEGs go (default: settings.MEDIA_ROOT)")
    parser.add_argument("--manifest", type=Path, help="write the JSON manifest here (default: stdout)")
    parser.add_argument("--replace", action="store_true", help="delete an existing bench catalogue first")
    parser.add_argument("--shopper-password", help="the bench shopper's password (default: made up)")
    parser.add_argument(
        "--skip-search-index", action="store_true", help="do not add the products to Wagtail's search index"
    )
    return parser.parse_args(argv)


def set_up_django():
    """django.setup() for whichever site the caller's DJANGO_SETTINGS_MODULE names."""
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        sys.exit("Set DJANGO_SETTINGS_MODULE (and DATABASE_URL) to the site the catalogue is for.")
    # Appended, not prepended: a site's own packages win; these only make Ptashka and bench.* importable.
    for path in (ROOT, ROOT / "src"):
        if str(path) not in sys.path:
            sys.path.append(str(path))
    import django

    django.setup()


def main(argv=None):
    arguments = parse_arguments(argv)
    set_up_django()
    started = time.monotonic()
    try:
        manifest = generate_catalogue(
            products=arguments.products,
            categories=arguments.categories,
            seed=arguments.seed,
            media_root=arguments.media_root,
            replace=arguments.replace,
            shopper_password=arguments.shopper_password,
            index_for_search=not arguments.skip_search_index,
            progress=lambda message: print(message, file=sys.stderr, flush=True),
        )
    except CatalogueAlreadyThere as refusal:
        sys.exit(str(refusal))
    manifest["seconds"] = round(time.monotonic() - started, 1)
    text = json.dumps(manifest, indent=2)
    if arguments.manifest:
        arguments.manifest.parent.mkdir(parents=True, exist_ok=True)
        arguments.manifest.write_text(text + "\n")
        print(f"manifest written to {arguments.manifest}", file=sys.stderr)
    else:
        print(text)
    print(
        f"{arguments.products} products in {manifest['seconds']} s; shopper "
        f"{manifest['shopper']['email']} / {manifest['shopper']['password']}",
        file=sys.stderr,
    )


def generate_catalogue(
    products=10_000,
    categories=50,
    seed=1,
    media_root=None,
    replace=False,
    shopper_password=None,
    index_for_search=True,
    progress=None,
):
    """Write the bench catalogue into the default database and return its manifest (a dict)."""
    from django.conf import settings
    from django.db import transaction

    say = progress or (lambda message: None)
    if products < 1 or categories < 1:
        raise ValueError("need at least one product and one category")
    if bench_catalogue_exists():
        if not replace:
            raise CatalogueAlreadyThere(
                "Bench products (UPC BENCH-…) are already in this database; nothing was changed. "
                "Run with --replace to delete them and generate a new catalogue."
            )
        say("deleting the previous bench catalogue")
        delete_bench_catalogue()

    chance = random.Random(seed)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    image_names = draw_product_images(media_root, random.Random(seed))
    say(f"{len(image_names)} images in {media_root / IMAGE_DIR}")
    with transaction.atomic():
        partner = create_partner()
        classes = create_product_classes()
        tree = create_category_tree(categories)
        say(f"{len(tree)} categories")
        catalogue = create_products(products, tree, classes, partner, image_names, chance, say)
        offers = create_offers(tree)
        shopper = create_shopper(shopper_password or secrets.token_urlsafe(12))
        refresh_product_category_view()
    if index_for_search:
        index_seconds = index_products_for_search(say)
        if index_seconds is not None:
            say(f"search index built in {index_seconds:.1f} s")
    analyze_tables()
    return build_manifest(products, categories, seed, tree, catalogue, offers, shopper)


# --- what is already there -----------------------------------------------------------------------


def bench_catalogue_exists():
    from oscar.core.loading import get_model

    return get_model("catalogue", "Product").objects.filter(upc__startswith=UPC_PREFIX).exists()


@contextmanager
def receivers_muted(*signals):
    """Send these signals to nobody for a while.

    Deleting 100k products would otherwise call every per-object receiver (search index, image
    files shared by many products, cache purges) once per row.
    """
    saved = [(signal, signal.receivers, signal.sender_receivers_cache.copy()) for signal in signals]
    for signal in signals:
        signal.receivers = []
        signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for signal, receivers, cache in saved:
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()
            signal.sender_receivers_cache.update(cache)


def delete_bench_catalogue():
    from django.db import transaction
    from django.db.models import signals
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    with transaction.atomic(), receivers_muted(signals.pre_delete, signals.post_delete, signals.m2m_changed):
        get_model("offer", "ConditionalOffer").objects.filter(name__startswith=OFFER_PREFIX).delete()
        get_model("offer", "Benefit").objects.filter(range__name__startswith=OFFER_PREFIX).delete()
        get_model("offer", "Condition").objects.filter(range__name__startswith=OFFER_PREFIX).delete()
        get_model("offer", "Range").objects.filter(name__startswith=OFFER_PREFIX).delete()
        # Children first: their parents' cascade would otherwise collect them one parent at a time.
        Product.objects.filter(upc__startswith=UPC_PREFIX, parent__isnull=False).delete()
        Product.objects.filter(upc__startswith=UPC_PREFIX).delete()
        get_model("catalogue", "Category").objects.filter(slug__startswith=SLUG_PREFIX).delete()
        get_model("catalogue", "ProductClass").objects.filter(slug__startswith=SLUG_PREFIX).delete()
        get_model("partner", "Partner").objects.filter(code=PARTNER_CODE).delete()
        refresh_product_category_view()
    remove_stale_search_entries()


# --- the pictures --------------------------------------------------------------------------------


def draw_product_images(media_root, chance):
    """Draw IMAGE_COUNT distinct 800×800 JPEGs (coloured shapes) once; return their storage names."""
    from PIL import Image, ImageDraw

    folder = media_root / IMAGE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number in range(IMAGE_COUNT):
        background = tuple(chance.randint(150, 255) for _ in range(3))
        shapes = [
            (
                chance.choice(("ellipse", "rectangle", "polygon")),
                tuple(chance.randint(0, 200) for _ in range(3)),
            )
            for _ in range(chance.randint(2, 5))
        ]
        boxes = [sorted(chance.sample(range(40, IMAGE_SIZE - 40), 2)) for _ in range(2 * len(shapes))]
        path = folder / f"bench-{number:03d}.jpg"
        names.append(f"{IMAGE_DIR}/{path.name}")
        if path.exists():
            continue
        image = Image.new("RGB", (IMAGE_SIZE, IMAGE_SIZE), background)
        pen = ImageDraw.Draw(image)
        for index, (shape, colour) in enumerate(shapes):
            (left, right), (top, bottom) = boxes[2 * index], boxes[2 * index + 1]
            if shape == "ellipse":
                pen.ellipse((left, top, right, bottom), fill=colour)
            elif shape == "rectangle":
                pen.rectangle((left, top, right, bottom), fill=colour)
            else:
                pen.polygon([(left, bottom), ((left + right) // 2, top), (right, bottom)], fill=colour)
        image.save(path, "JPEG", quality=80)
    return names


# --- the catalogue's frame: partner, classes, categories --------------------------------------------


def create_partner():
    from oscar.core.loading import get_model

    return get_model("partner", "Partner").objects.create(name="Bench workshop", code=PARTNER_CODE)


def create_product_classes():
    from oscar.core.loading import get_model

    ProductClass = get_model("catalogue", "ProductClass")
    clothing = ProductClass.objects.create(name="Clothing", slug=f"{SLUG_PREFIX}clothing")
    homeware = ProductClass.objects.create(name="Homeware", slug=f"{SLUG_PREFIX}homeware")
    size = get_model("catalogue", "ProductAttribute").objects.create(
        product_class=clothing, name="Size", code="size", type="text"
    )
    return {"clothing": clothing, "homeware": homeware, "size": size}


def create_category_tree(count):
    """About a fifth of the categories at the top (ten for fifty), the rest spread beneath them."""
    from django.utils.text import slugify
    from oscar.core.loading import get_model

    Category = get_model("catalogue", "Category")
    top_count = min(len(TOP_CATEGORY_NAMES), max(1, round(count / 5)))
    tops = [
        Category.add_root(name=name, slug=f"{SLUG_PREFIX}{slugify(name)}")
        for name in TOP_CATEGORY_NAMES[:top_count]
    ]
    children = []
    for number in range(count - top_count):
        parent = tops[number % top_count]
        word = CHILD_CATEGORY_WORDS[(number // top_count) % len(CHILD_CATEGORY_WORDS)]
        round_number = number // (top_count * len(CHILD_CATEGORY_WORDS))
        name = f"{word} {parent.name.lower()}" + (f" {round_number + 1}" if round_number else "")
        children.append(parent.add_child(name=name, slug=f"{SLUG_PREFIX}{slugify(name)}"))
        # add_child leaves the parent's numchild stale in memory; the next sibling needs it fresh.
        parent.refresh_from_db()
    return tops + children


# --- products, variants, stock, images ------------------------------------------------------------


def product_title(chance, nouns):
    noun = chance.choice(SEARCH_NOUNS) if chance.random() < SEARCH_WORD_SHARE * 2 else chance.choice(nouns)
    material = (
        chance.choice(SEARCH_MATERIALS)
        if chance.random() < SEARCH_WORD_SHARE * 2
        else chance.choice(MATERIALS)
    )
    return f"{chance.choice(ADJECTIVES)} {chance.choice(COLOURS)} {material} {noun}"


def product_description(chance, title):
    sentences = chance.sample(DESCRIPTION_SENTENCES, 3)
    return f"<p>{title}. {' '.join(sentences)}</p>"


def shop_price(chance):
    """Spread like a gift shop's: many under 50 EUR, a long tail up to 300, prices ending .00/.50/.99."""
    euros = int(math.exp(chance.uniform(math.log(5), math.log(300))))
    cents = chance.choice(("00", "50", "99"))
    return min(Decimal(f"{euros}.{cents}"), Decimal("300.00"))


def stock_level(chance):
    return 0 if chance.random() < 0.05 else chance.randint(50, 500)


def create_products(count, tree, classes, partner, image_names, chance, say):
    """Bulk-create the browsable products (one in ten a parent of S/M/L/XL children) and their rows."""
    from django.conf import settings
    from django.utils.text import slugify
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    ProductImage = get_model("catalogue", "ProductImage")
    ProductCategory = get_model("catalogue", "ProductCategory")
    AttributeValue = get_model("catalogue", "ProductAttributeValue")
    currency = settings.OSCAR_DEFAULT_CURRENCY
    leaves = [category for category in tree if category.depth > 1] or tree
    clothing_categories = [c for c in leaves if "clothing" in c.name.lower() or "textiles" in c.name.lower()]

    browsable = []
    for number in range(count):
        is_parent = number % 10 == 9
        kind = "clothing" if is_parent or chance.random() < 0.2 else "homeware"
        title = product_title(chance, CLOTHING_NOUNS if kind == "clothing" else HOMEWARE_NOUNS)
        browsable.append(
            Product(
                upc=f"{UPC_PREFIX}{number:07d}",
                title=title,
                slug=slugify(title),
                description=product_description(chance, title),
                structure=Product.PARENT if is_parent else Product.STANDALONE,
                product_class=classes[kind],
                is_public=True,
            )
        )
    Product.objects.bulk_create(browsable, batch_size=BATCH_SIZE)
    say(f"{len(browsable)} browsable products")

    children = []
    for parent in browsable:
        if parent.structure == Product.PARENT:
            children.extend(
                Product(
                    upc=f"{parent.upc}-{size}",
                    title="",
                    slug=f"{parent.slug}-{size.lower()}",
                    structure=Product.CHILD,
                    parent=parent,
                    product_class=None,
                    is_public=True,
                )
                for size in SIZES
            )
    Product.objects.bulk_create(children, batch_size=BATCH_SIZE)
    AttributeValue.objects.bulk_create(
        [
            AttributeValue(attribute=classes["size"], product=child, value_text=child.upc.rsplit("-", 1)[1])
            for child in children
        ],
        batch_size=BATCH_SIZE,
    )
    say(f"{len(children)} variants")

    stock = {}
    records = []
    for product in browsable + children:
        if product.structure == Product.PARENT:
            continue
        stock[product.upc] = stock_level(chance)
        records.append(
            StockRecord(
                product=product,
                partner=partner,
                partner_sku=product.upc,
                price_currency=currency,
                price=shop_price(chance),
                num_in_stock=stock[product.upc],
                low_stock_threshold=5,
            )
        )
    StockRecord.objects.bulk_create(records, batch_size=BATCH_SIZE)
    say(f"{len(records)} stock records")

    images = []
    placements = []
    for product in browsable:
        images.append(
            ProductImage(
                product=product, original=chance.choice(image_names), caption=product.title, display_order=0
            )
        )
        home = chance.choice(
            clothing_categories
            if product.product_class_id == classes["clothing"].pk and clothing_categories
            else leaves
        )
        placements.append(ProductCategory(product=product, category=home))
        if chance.random() < 0.3:
            second = chance.choice(tree)
            if second.pk != home.pk:
                placements.append(ProductCategory(product=product, category=second))
    ProductImage.objects.bulk_create(images, batch_size=BATCH_SIZE)
    ProductCategory.objects.bulk_create(placements, batch_size=BATCH_SIZE)
    say(f"{len(images)} images and {len(placements)} category placements")
    return {"browsable": browsable, "stock": stock}


# --- offers and the shopper -----------------------------------------------------------------------


def create_offers(tree):
    """Three site offers: one running, one ending in two hours, one starting tomorrow."""
    from datetime import timedelta

    from django.utils import timezone
    from oscar.core.loading import get_model

    Range = get_model("offer", "Range")
    Condition = get_model("offer", "Condition")
    Benefit = get_model("offer", "Benefit")
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    now = timezone.now()
    tops = [category for category in tree if category.depth == 1]
    plans = [
        ("10 % off homeware", tops[0], Decimal("10"), None, None),
        (
            "15 % off, ends in two hours",
            tops[1 % len(tops)],
            Decimal("15"),
            now - timedelta(days=1),
            now + timedelta(hours=2),
        ),
        (
            "20 % off from tomorrow",
            tops[2 % len(tops)],
            Decimal("20"),
            now + timedelta(days=1),
            now + timedelta(days=8),
        ),
    ]
    offers = []
    for name, category, percent, starts, ends in plans:
        product_range = Range.objects.create(name=f"{OFFER_PREFIX}{name} ({category.name})", is_public=True)
        product_range.included_categories.add(category)
        offers.append(
            ConditionalOffer.objects.create(
                name=f"{OFFER_PREFIX}{name}",
                offer_type=ConditionalOffer.SITE,
                condition=Condition.objects.create(range=product_range, type=Condition.COUNT, value=1),
                benefit=Benefit.objects.create(range=product_range, type=Benefit.PERCENTAGE, value=percent),
                start_datetime=starts,
                end_datetime=ends,
            )
        )
    return offers


def create_shopper(password):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    shopper = User.objects.filter(email=SHOPPER_EMAIL).first()
    if shopper is None:
        fields = {"email": SHOPPER_EMAIL}
        if User.USERNAME_FIELD != "email":
            fields[User.USERNAME_FIELD] = SHOPPER_USERNAME
        shopper = User(**fields)
    shopper.set_password(password)
    shopper.is_active = True
    shopper.save()
    shopper.bench_password = password
    return shopper


# --- what other parts of a site keep about products -------------------------------------------------


def analyze_tables():
    """Give PostgreSQL's planner statistics of the rows just loaded, as a running shop's have.

    Until autovacuum gets to them, tables filled in one transaction look empty to the planner,
    which then sorts the whole catalogue for a listing's twelve rows (33 ms instead of 1 ms).
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def refresh_product_category_view():
    """Refresh the materialised view Oscar's offers read product categories through.

    Oscar refreshes it from ProductCategory's signals, which bulk_create does not send.
    """
    from django.db import connection
    from oscar.checks import use_productcategory_materialised_view

    if use_productcategory_materialised_view():
        with connection.cursor() as cursor:
            cursor.execute("REFRESH MATERIALIZED VIEW catalogue_product_category_hierarchy")


def product_search_models():
    """Indexed models (Wagtail's search) that are Oscar's product; none in a site without Wagtail."""
    from django.apps import apps
    from oscar.core.loading import get_model

    if not apps.is_installed("wagtail.search"):
        return []
    from wagtail.search.index import get_indexed_models

    Product = get_model("catalogue", "Product")
    return [model for model in get_indexed_models() if issubclass(model, Product)]


def index_products_for_search(say=None, chunk_size=1000):
    """Add the bench products to Wagtail's search index in bulk; return the seconds (None: no index)."""
    models = product_search_models()
    if not models:
        return None
    from wagtail.search.backends import get_search_backend

    started = time.monotonic()
    backend = get_search_backend()
    for model in models:
        objects = model.get_indexed_objects().filter(upc__startswith=UPC_PREFIX).order_by("pk")
        # The categories' names are indexed with each product: one query per chunk, not per product.
        objects = objects.prefetch_related("categories")
        pks = list(objects.values_list("pk", flat=True))
        for start in range(0, len(pks), chunk_size):
            backend.add_bulk(model, list(objects.filter(pk__in=pks[start : start + chunk_size])))
            if say and start and start % (chunk_size * 10) == 0:
                say(f"  indexed {start} of {len(pks)}")
    backend.refresh_indexes()
    return time.monotonic() - started


def remove_stale_search_entries():
    for model in product_search_models():
        from wagtail.search.backends import get_search_backend

        index = get_search_backend().get_index_for_model(model)
        if hasattr(index, "delete_stale_model_entries"):
            index.delete_stale_model_entries(model)


# --- the manifest ---------------------------------------------------------------------------------


def build_manifest(products, categories, seed, tree, catalogue, offers, shopper):
    from django.db.models import Count
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    bench_products = Product.objects.filter(upc__startswith=UPC_PREFIX)
    busiest = (
        Category.objects.filter(pk__in=[category.pk for category in tree])
        .annotate(product_count=Count("product"))
        .order_by("-product_count", "path")
        .first()
    )
    browsable = catalogue["browsable"]
    parent = (
        next(product for product in browsable if product.structure == Product.PARENT)
        if products >= 10
        else None
    )
    in_stock = [
        product
        for product in browsable
        if product.structure == Product.STANDALONE and catalogue["stock"][product.upc] > 0
    ]
    words = {
        word: sum(1 for product in browsable if word in product.title.split())
        for word in SEARCH_NOUNS + SEARCH_MATERIALS
    }
    # "mug" is the word the measurements searched for; another only when it is too rare.
    search_word = "mug" if words["mug"] >= 20 else max(words, key=words.get)
    return {
        "generator": {"products": products, "categories": categories, "seed": seed},
        "counts": {
            "browsable_products": len(browsable),
            "variants": bench_products.filter(structure=Product.CHILD).count(),
            "stock_records": get_model("partner", "StockRecord")
            .objects.filter(partner__code=PARTNER_CODE)
            .count(),
            "categories": len(tree),
        },
        "category": {
            "slug": busiest.slug,
            "pk": busiest.pk,
            "full_slug": busiest.full_slug,
            "name": busiest.name,
            "products": busiest.product_count,
            "url": busiest.get_absolute_url(),
        },
        "parent_product": _product_entry(parent) if parent else None,
        "standalone_product": _product_entry(in_stock[0]),
        "search": {"word": search_word, "title_matches": words[search_word], "all_words": words},
        "basket_upcs": [product.upc for product in in_stock[:BASKET_LINE_COUNT]],
        "offers": [
            {
                "name": offer.name,
                "starts": offer.start_datetime.isoformat() if offer.start_datetime else None,
                "ends": offer.end_datetime.isoformat() if offer.end_datetime else None,
            }
            for offer in offers
        ],
        "shopper": {
            "username": shopper.get_username(),
            "email": shopper.email,
            "password": shopper.bench_password,
        },
    }


def _product_entry(product):
    return {
        "upc": product.upc,
        "pk": product.pk,
        "slug": product.slug,
        "title": product.title,
        "url": product.get_absolute_url(),
    }


if __name__ == "__main__":
    main()
