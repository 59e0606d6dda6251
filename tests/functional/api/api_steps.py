"""What an API client does in these tests: sign in for tokens, send them, read a basket's lines."""

import pytest
from rest_framework.test import APIClient

from tests.shop_fixtures import PASSWORD

# /api/checkout/ runs outside the request's transaction (non_atomic_requests), as in production.
# When it answers an error DRF rolls back whatever transaction is open, so a test that reads the
# database after a refused checkout must not hold one open around it either.
refused_checkout_commits = pytest.mark.django_db(transaction=True)


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
