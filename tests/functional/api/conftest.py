"""Shoppers, products and an API client for the headless API's HTTP tests."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from oscar.test.factories import UserFactory, create_product
from rest_framework.test import APIClient

# oscar's UserFactory gives every user this password.
PASSWORD = "skelebrain"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache, which outlives a test; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def shopper(db):
    return UserFactory()


@pytest.fixture
def other_shopper(db):
    return UserFactory()


@pytest.fixture
def product(db):
    return create_product(title="Вишиванка", price=Decimal("24.00"), num_in_stock=20)


@pytest.fixture
def second_product(db):
    return create_product(title="Глечик", price=Decimal("11.50"), num_in_stock=20)


def product_url(product):
    return f"http://testserver/api/products/{product.pk}/"


def obtain_tokens(client, user, password=PASSWORD):
    response = client.post("/api/auth/token/", {"username": user.email, "password": password}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def bearer(access):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def basket_lines(client):
    basket = client.get("/api/basket/").json()
    lines = client.get(basket["lines"]).json()["results"]
    return {line["product"]: line["quantity"] for line in lines}
