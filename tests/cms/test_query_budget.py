"""A page's SQL query count stays within budget and does not grow with the products it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.category_landing import CategoryLandingPage
from cms.landing import LandingPage
from tests.cms.builders import carousel, publish, stream

pytestmark = pytest.mark.django_db

# Budgets for a page with every navigation snippet and a 12-product carousel (half of them parents
# with variants). Measured on PostgreSQL: 23 (home), 26 (landing) and 38 (category landing, with
# Oscar's listing of 12) queries, the same for 4 products as for 12.
HOME_PAGE_BUDGET = 25
LANDING_PAGE_BUDGET = 28
CATEGORY_LANDING_PAGE_BUDGET = 40


def products_for_sale(small_shop, count):
    """Half standalone products, half parents whose price comes from their variants."""
    products = []
    for n in range(count):
        if n % 2:
            parent = small_shop.add_product(
                title=f"Vyshyvanka {n}", structure="parent", price=None, stock=None
            )
            for size in ("S", "M"):
                small_shop.add_product(title=f"Vyshyvanka {n} {size}", parent=parent, price="80.00", stock=3)
            products.append(parent)
        else:
            products.append(small_shop.add_product(title=f"Kosiv jug {n}", with_image=True))
    return products


def queries_to_render(client, url):
    client.get(url)  # warm: Wagtail's site root paths, thumbnails and renditions are cached after one view
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("count", [4, 12])
def test_home_page_with_a_carousel_stays_within_budget(
    client, small_shop, home_page, navigation, count, django_assert_max_num_queries
):
    products = products_for_sale(small_shop, count)
    home_page.body = stream(
        carousel(products), ("category_tiles", {"title": "", "categories": [small_shop.ceramics.pk]})
    )
    home_page.save_revision().publish()
    client.get(home_page.url)

    with django_assert_max_num_queries(HOME_PAGE_BUDGET):
        response = client.get(home_page.url)

    html = response.content.decode()
    assert all(product.title in html for product in products)
    assert "Free delivery over €80" in html and "Made in Ukraine" in html


def test_home_page_query_count_is_the_same_for_4_and_12_products(client, small_shop, home_page, navigation):
    few, many = products_for_sale(small_shop, 4), products_for_sale(small_shop, 12)

    home_page.body = stream(carousel(few))
    home_page.save_revision().publish()
    with_few, _ = queries_to_render(client, home_page.url)
    home_page.body = stream(carousel(many))
    home_page.save_revision().publish()
    with_many, html = queries_to_render(client, home_page.url)

    assert with_few == with_many
    assert all(product.title in html for product in many)


def test_landing_page_query_count_is_within_budget_and_the_same_for_4_and_12_products(
    client, small_shop, home_page, navigation, django_assert_max_num_queries
):
    few, many = products_for_sale(small_shop, 4), products_for_sale(small_shop, 12)
    small = publish(home_page, LandingPage(title="Few", slug="few", body=stream(carousel(few))))
    large = publish(home_page, LandingPage(title="Many", slug="many", body=stream(carousel(many))))

    with_few, _ = queries_to_render(client, small.url)
    with_many, _ = queries_to_render(client, large.url)
    with django_assert_max_num_queries(LANDING_PAGE_BUDGET):
        client.get(large.url)

    assert with_few == with_many


def test_category_landing_page_query_count_is_within_budget_and_the_same_for_4_and_12_products(
    client, small_shop, home_page, navigation, django_assert_max_num_queries
):
    few, many = products_for_sale(small_shop, 4), products_for_sale(small_shop, 12)
    page = publish(
        home_page,
        CategoryLandingPage(
            title="Ceramics",
            slug="ceramics-stories",
            category=small_shop.ceramics,
            body=stream(carousel(few)),
        ),
    )

    with_few, _ = queries_to_render(client, page.url)
    page.body = stream(carousel(many))
    page.save_revision().publish()
    with_many, html = queries_to_render(client, page.url)
    with django_assert_max_num_queries(CATEGORY_LANDING_PAGE_BUDGET):
        client.get(page.url)

    assert with_few == with_many
    assert all(product.title in html for product in many)
