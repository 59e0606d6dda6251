"""Browsing the catalogue lists products from the database, sorted and paginated the Oscar way."""

from decimal import Decimal

import pytest
from django.test import override_settings
from oscar.test import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ceramics():
    """A category with a subcategory, products in both, and one product elsewhere."""
    parent = factories.CategoryFactory(name="Ceramics", depth=1, path="9001")
    mugs = parent.add_child(name="Mugs")
    jug = factories.create_product(title="Clay Jug", price=Decimal("38.00"), num_in_stock=3)
    cup = factories.create_product(title="Glazed Cup", price=Decimal("12.00"), num_in_stock=3)
    candle = factories.create_product(title="Pine Candle", price=Decimal("28.00"), num_in_stock=3)
    factories.ProductCategoryFactory(product=jug, category=parent)
    factories.ProductCategoryFactory(product=cup, category=mugs)
    return parent, [jug, cup, candle]


def titles(response):
    return [product.title for product in response.context["products"]]


def test_catalogue_lists_every_browsable_product(client, ceramics):
    hidden = factories.create_product(title="Hidden Bowl", price=Decimal("5.00"))
    hidden.is_public = False
    hidden.save()

    response = client.get("/catalogue/")

    assert response.status_code == 200
    assert sorted(titles(response)) == ["Clay Jug", "Glazed Cup", "Pine Candle"]
    assert b"Clay Jug" in response.content and "€38.00" in response.content.decode()


def test_category_lists_its_own_and_its_subcategories_products(client, ceramics):
    category, _ = ceramics

    response = client.get(category.get_absolute_url())

    assert response.status_code == 200
    assert sorted(titles(response)) == ["Clay Jug", "Glazed Cup"]


@pytest.mark.parametrize(
    "sort_by, expected",
    [
        ("price-asc", ["Glazed Cup", "Pine Candle", "Clay Jug"]),
        ("price-desc", ["Clay Jug", "Pine Candle", "Glazed Cup"]),
        ("title-asc", ["Clay Jug", "Glazed Cup", "Pine Candle"]),
        ("title-desc", ["Pine Candle", "Glazed Cup", "Clay Jug"]),
    ],
)
def test_catalogue_sorts_as_the_shopper_asks(client, ceramics, sort_by, expected):
    response = client.get("/catalogue/", {"sort_by": sort_by})

    assert titles(response) == expected


def test_unknown_sort_falls_back_to_newest_first(client, ceramics):
    response = client.get("/catalogue/", {"sort_by": "'; DROP TABLE"})

    assert response.status_code == 200
    assert titles(response) == ["Pine Candle", "Glazed Cup", "Clay Jug"]


@override_settings(OSCAR_PRODUCTS_PER_PAGE=2)
def test_pages_split_the_listing_and_a_missing_page_redirects_to_the_first(client, ceramics):
    first = client.get("/catalogue/", {"sort_by": "title-asc"})
    second = client.get("/catalogue/", {"sort_by": "title-asc", "page": 2})
    missing = client.get("/catalogue/", {"page": 99})

    assert titles(first) == ["Clay Jug", "Glazed Cup"]
    assert titles(second) == ["Pine Candle"]
    assert missing.status_code == 302 and missing.url == "/catalogue/"


def test_category_with_a_stale_slug_redirects_to_its_current_address(client, ceramics):
    category, _ = ceramics

    response = client.get(f"/catalogue/category/old-name_{category.pk}/")

    assert response.status_code == 301
    assert response.url == category.get_absolute_url()


# Measures the render: with the page cache on, the second listing would be a hit.
@override_settings(PAGE_CACHE_ENABLED=False)
def test_listing_query_count_does_not_grow_with_the_number_of_products(
    client, ceramics, django_assert_max_num_queries
):
    client.get("/catalogue/")  # warm per-process caches (site, content types, menus, category tree)
    with django_assert_max_num_queries(40) as few:
        client.get("/catalogue/")
    for index in range(9):
        factories.create_product(title=f"Extra Mug {index}", price=Decimal("9.00"), num_in_stock=2)
    client.get("/catalogue/")  # the new products made the kept menus and category tree stale: reload them
    with django_assert_max_num_queries(40) as many:
        client.get("/catalogue/")

    assert len(many.captured_queries) == len(few.captured_queries)


def add_parent_with_variants(title, prices):
    parent = factories.ProductFactory(title=title, structure="parent", stockrecords=[])
    for index, price in enumerate(prices):
        factories.create_product(
            title=f"{title} {index}", parent=parent, price=Decimal(price), num_in_stock=2, structure="child"
        )
    return parent


# Measures the render: with the page cache on, the second listing would be a hit.
@override_settings(PAGE_CACHE_ENABLED=False)
def test_listing_of_parent_products_costs_no_query_per_parent(client, django_assert_max_num_queries):
    add_parent_with_variants("Embroidered Shirt", ["40.00", "44.00"])
    client.get("/catalogue/")  # warm per-process caches (site, content types, menus, category tree)
    with django_assert_max_num_queries(40) as few:
        first = client.get("/catalogue/")
    for index in range(5):
        add_parent_with_variants(f"Linen Dress {index}", ["60.00", "65.00", "70.00"])
    client.get("/catalogue/")  # the new products made the kept menus and category tree stale: reload them
    with django_assert_max_num_queries(40) as many:
        second = client.get("/catalogue/")

    # Oscar's strategy prices a parent at one of its variants in stock
    assert "€40.00" in first.content.decode() or "€44.00" in first.content.decode()
    assert len(second.context["products"]) == 6
    assert len(many.captured_queries) == len(few.captured_queries)


@override_settings(PAGE_CACHE_ENABLED=False)
def test_the_listing_total_is_counted_once_until_a_product_changes(
    client, ceramics, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def total_and_counts():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/catalogue/")
        counts = [query for query in queries.captured_queries if 'COUNT(*) AS "__count"' in query["sql"]]
        return response.context["paginator"].count, len(counts)

    # given the listing shown once: its total was counted
    assert total_and_counts() == (3, 1)
    # when it is shown again, the kept total is used
    assert total_and_counts() == (3, 0)
    # when a product is added, the next listing counts it
    factories.create_product(title="Straw Angel", price=Decimal("7.00"), num_in_stock=3)
    assert total_and_counts() == (4, 1)
