"""A shop with no payment gateway offered (prod without keys): no free orders, a clear refusal, readyz 503."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from rest_framework.test import APIClient

from tests.functional.api.api_steps import refused_checkout_commits
from tests.functional.api.test_paying_through_the_api import basket_state, check_out, fill_basket

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_gateway(settings):
    """Production's defaults: no provider keys, and the test-only Dummy gateway not allowed."""
    settings.PAYMENTS_DUMMY_GATEWAY = False
    settings.STRIPE_SECRET_KEY = settings.STRIPE_WEBHOOK_SECRET = ""
    settings.PAYPAL_CLIENT_ID = settings.PAYPAL_CLIENT_SECRET = ""
    return settings


def test_the_api_lists_no_payment_method(no_gateway, small_shop):
    api = APIClient()
    fill_basket(api, [small_shop.product])

    methods = api.get("/api/basket/payment-methods/")

    assert methods.status_code == 200
    assert methods.json() == []


@refused_checkout_commits
@pytest.mark.parametrize("fields", [{}, {"payment_method": "dummy"}], ids=["left-out", "dummy"])
def test_an_api_checkout_is_refused_with_400_and_places_no_order(no_gateway, small_shop, fields):
    api = APIClient()
    basket = fill_basket(api, [small_shop.product])

    refused = check_out(api, basket, **fields)

    assert refused.status_code == 400
    assert "No payment method is offered" in refused.json()["payment_method"][0]
    assert Order.objects.count() == 0
    assert basket_state(basket) == (Basket.OPEN, [(small_shop.product.pk, 1)])


def test_the_storefront_says_no_payment_method_can_take_the_basket(
    no_gateway, client, small_shop, to_preview
):
    page = to_preview(client, [small_shop.product])

    assert page.status_code == 200
    assert page.context["gateways"] == []
    assert "No payment method can take this basket" in page.content.decode()


def test_placing_an_order_on_the_storefront_is_refused_and_the_basket_kept(
    no_gateway, client, small_shop, to_preview
):
    to_preview(client, [small_shop.product])

    chose_dummy = client.post(reverse("checkout:preview"), {"gateway": "dummy"})
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})

    assert "choose one of the payment methods" in chose_dummy.content.decode()
    assert placed.status_code == 200
    assert "No payment method can take this basket" in placed.content.decode()
    assert Order.objects.count() == 0
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN
    assert [(line.product_id, line.quantity) for line in basket.all_lines()] == [(small_shop.product.pk, 1)]


def test_readyz_answers_503_naming_the_payment_problem(no_gateway, client):
    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["payments"]
    assert "ptashka_payments.E002" in body["checks"]["payments"]
    assert "No payment gateway is offered" in body["checks"]["payments"]


def test_readyz_names_stripe_without_its_webhook_secret(no_gateway, client):
    no_gateway.STRIPE_SECRET_KEY = "sk_test_x"

    response = client.get("/readyz")

    assert response.status_code == 503
    assert "ptashka_payments.E003" in response.json()["checks"]["payments"]
    assert "STRIPE_WEBHOOK_SECRET" in response.json()["checks"]["payments"]


def test_with_the_dummy_gateway_allowed_readyz_reports_payments_ready(client, settings):
    settings.PAYMENTS_DUMMY_GATEWAY = True

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["payments"] == "ok"
