"""Query budgets: the list endpoints cost the same number of queries for a few items as for many."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model
from oscar.test.factories import create_order, create_product

from tests.functional.api.api_steps import bearer, obtain_tokens, product_url

Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 8


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def add_products(count, start=0):
    return [
        create_product(title=f"Рушник {start + n}", price=Decimal("9.00"), num_in_stock=5)
        for n in range(count)
    ]


def add_categories(count, start=0):
    for n in range(count):
        Category.add_root(name=f"Категорія {start + n}", slug=f"category-{start + n}")


def add_orders(user, count):
    for _ in range(count):
        create_order(user=user)


def fill_basket(client, products):
    for product in products:
        client.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 1}, format="json")


def measure(api, client, url, grow, budget, django_assert_max_num_queries):
    grow(FEW)
    # Warm up: the first calls create the guest's session and basket, and fill per-process caches.
    client.get(url)
    client.get(url)
    few = queries_for(client, url)
    grow(MANY - FEW, FEW)
    with django_assert_max_num_queries(budget):
        many = queries_for(client, url)
    print(f"{url}: {few} queries for {FEW}, {many} for {MANY}")
    assert many <= few, f"{url}: {few} queries for {FEW} items, {many} for {MANY}"


def test_product_list_budget(api, django_assert_max_num_queries):
    measure(api, api, "/api/products/", lambda n, s=0: add_products(n, s), 8, django_assert_max_num_queries)


def test_category_list_budget(api, django_assert_max_num_queries):
    measure(
        api, api, "/api/categories/", lambda n, s=0: add_categories(n, s), 8, django_assert_max_num_queries
    )


def test_order_list_budget(api, shopper, django_assert_max_num_queries):
    client = bearer(obtain_tokens(api, shopper)["access"])
    measure(
        api, client, "/api/orders/", lambda n, s=0: add_orders(shopper, n), 9, django_assert_max_num_queries
    )


# oscar-api priced each basket line on its own (its stock records, its product class, and the
# offers applied again per line): 36 queries for 2 lines and 84 for 8 before the basket fork
# (forked_apps/basket) and ptashka.api's line serializer; now 12, 18 and 12 whatever the lines.
def test_basket_lines_budget(api, shopper, django_assert_max_num_queries):
    client = bearer(obtain_tokens(api, shopper)["access"])
    fill_basket(client, add_products(1, 100))
    basket_id = client.get("/api/basket/").json()["id"]
    grow = lambda n, s=0: fill_basket(client, add_products(n, 200 + s))  # noqa: E731
    measure(api, client, f"/api/baskets/{basket_id}/lines/", grow, 14, django_assert_max_num_queries)


def test_basket_budget(api, shopper, django_assert_max_num_queries):
    client = bearer(obtain_tokens(api, shopper)["access"])
    grow = lambda n, s=0: fill_basket(client, add_products(n, 300 + s))  # noqa: E731
    measure(api, client, "/api/basket/", grow, 20, django_assert_max_num_queries)


def test_basket_list_budget(api, shopper, django_assert_max_num_queries):
    client = bearer(obtain_tokens(api, shopper)["access"])
    grow = lambda n, s=0: fill_basket(client, add_products(n, 400 + s))  # noqa: E731
    measure(api, client, "/api/baskets/", grow, 14, django_assert_max_num_queries)
