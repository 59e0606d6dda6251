"""bench/catalogue.py: the synthetic catalogue it writes, its manifest, and a second run that refuses."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from oscar.core.loading import get_model

from bench.catalogue import (
    IMAGE_COUNT,
    UPC_PREFIX,
    CatalogueAlreadyThere,
    generate_catalogue,
)

Category = get_model("catalogue", "Category")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

PRODUCTS = 60
CATEGORIES = 5

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def bench_catalogue(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    manifest = generate_catalogue(
        products=PRODUCTS,
        categories=CATEGORIES,
        seed=7,
        media_root=tmp_path,
        shopper_password="bench-pass-123",
        index_for_search=True,
    )
    return manifest


def bench_products():
    return Product.objects.filter(upc__startswith=UPC_PREFIX)


def test_generator_makes_the_browsable_products_with_one_parent_in_ten(bench_catalogue):
    # Given the generator has run for 60 products
    # Then 60 are browsable, 6 of them parents each with S, M, L and XL children
    browsable = bench_products().filter(parent=None)
    assert browsable.count() == PRODUCTS
    parents = browsable.filter(structure=Product.PARENT)
    assert parents.count() == PRODUCTS // 10
    for parent in parents.prefetch_related("children__attribute_values"):
        sizes = sorted(child.attribute_values.get().value_text for child in parent.children.all())
        assert sizes == ["L", "M", "S", "XL"]
    assert bench_catalogue["counts"]["variants"] == 4 * (PRODUCTS // 10)


def test_every_product_a_shopper_can_buy_has_one_priced_stock_record(bench_catalogue, settings):
    # Given the generated catalogue
    buyable = bench_products().exclude(structure=Product.PARENT)
    # Then standalone products and variants have exactly one stock record in the shop's currency
    assert not buyable.annotate(n=Count("stockrecords")).exclude(n=1).exists()
    records = StockRecord.objects.filter(product__upc__startswith=UPC_PREFIX)
    assert records.count() == buyable.count()
    assert set(records.values_list("price_currency", flat=True)) == {settings.OSCAR_DEFAULT_CURRENCY}
    assert all(Decimal("5") <= price <= Decimal("300") for price in records.values_list("price", flat=True))
    assert all(level == 0 or 50 <= level <= 500 for level in records.values_list("num_in_stock", flat=True))
    # And parents have none (Oscar refuses stock on a parent)
    assert not StockRecord.objects.filter(
        product__structure=Product.PARENT, product__upc__startswith=UPC_PREFIX
    )


def test_browsable_products_have_an_image_on_disk_and_one_or_two_categories(bench_catalogue, tmp_path):
    browsable = bench_products().filter(parent=None)
    images = ProductImage.objects.filter(product__in=browsable)
    assert images.count() == PRODUCTS
    names = set(images.values_list("original", flat=True))
    assert all((tmp_path / name).is_file() for name in names)
    assert len(list((tmp_path / "images/products/bench").glob("*.jpg"))) == IMAGE_COUNT
    placements = browsable.annotate(n=Count("categories")).values_list("n", flat=True)
    assert set(placements) <= {1, 2} and 1 in placements
    # And the categories form a two-level tree
    assert Category.objects.filter(slug__startswith="bench-").count() == CATEGORIES
    assert set(Category.objects.filter(slug__startswith="bench-").values_list("depth", flat=True)) == {1, 2}


def test_offers_one_running_one_ending_soon_one_not_yet_started(bench_catalogue):
    offers = ConditionalOffer.objects.filter(name__startswith="Bench: ")
    assert offers.count() == 3
    assert sum(offer.is_available() for offer in offers) == 2
    homeware = offers.get(name__contains="homeware")
    assert homeware.benefit.value == Decimal("10")
    assert homeware.benefit.range.included_categories.count() == 1


def test_manifest_names_pages_and_a_shopper_who_can_sign_in(bench_catalogue):
    manifest = bench_catalogue
    category = Category.objects.get(pk=manifest["category"]["pk"], slug=manifest["category"]["slug"])
    assert ProductCategory.objects.filter(category=category).count() == manifest["category"]["products"] > 0
    parent = Product.objects.get(upc=manifest["parent_product"]["upc"])
    assert parent.structure == Product.PARENT and parent.children.count() == 4
    standalone = Product.objects.get(upc=manifest["standalone_product"]["upc"])
    assert standalone.structure == Product.STANDALONE
    lines = manifest["basket_upcs"]
    assert len(lines) == 10
    assert StockRecord.objects.filter(product__upc__in=lines, num_in_stock__gt=0).count() == 10
    word = manifest["search"]["word"]
    titled = [title for title in bench_products().values_list("title", flat=True) if word in title.split()]
    assert manifest["search"]["title_matches"] == len(titled)
    shopper = manifest["shopper"]
    assert shopper["password"] == "bench-pass-123"
    assert get_user_model().objects.get(email=shopper["email"]).check_password(shopper["password"])


def test_bench_products_are_found_by_the_shop_search(bench_catalogue):
    from wagtail.search.backends import get_search_backend

    from cms.search_index import SearchableProduct

    title = bench_catalogue["standalone_product"]["title"]
    found = get_search_backend().search(title, SearchableProduct.objects.filter(parent=None))
    assert bench_catalogue["standalone_product"]["upc"] in {product.upc for product in found[:20]}


def test_second_run_without_replace_refuses_and_changes_nothing(bench_catalogue, tmp_path):
    # Given a generated catalogue
    before = (bench_products().count(), StockRecord.objects.count(), Category.objects.count())
    # When the generator runs again without --replace
    with pytest.raises(CatalogueAlreadyThere, match="--replace"):
        generate_catalogue(products=10, categories=2, seed=8, media_root=tmp_path)
    # Then nothing changed
    assert (bench_products().count(), StockRecord.objects.count(), Category.objects.count()) == before


def test_replace_swaps_the_catalogue_for_a_new_one(bench_catalogue, tmp_path):
    manifest = generate_catalogue(products=20, categories=3, seed=8, media_root=tmp_path, replace=True)
    assert bench_products().filter(parent=None).count() == 20
    assert Category.objects.filter(slug__startswith="bench-").count() == 3
    assert ConditionalOffer.objects.filter(name__startswith="Bench: ").count() == 3
    assert manifest["counts"]["browsable_products"] == 20
