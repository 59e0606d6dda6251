"""Paying through the API with the Dummy gateway: payment methods, checkout, the order's payment, refusals."""

from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from oscar.core.loading import get_model
from rest_framework.test import APIClient

from ptashka.notifications.models import OutgoingEmail
from ptashka.payments.models import CheckoutPayment
from tests.functional.api.api_steps import bearer, obtain_tokens, product_url, refused_checkout_commits

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

ADDRESS = {
    "first_name": "Оксана",
    "last_name": "Коваль",
    "line1": "вул. Хрещатик, 1",
    "line4": "Київ",
    "postcode": "01001",
    "country": "http://testserver/api/countries/UA/",
}


def fill_basket(client, products, quantity=1):
    for product in products:
        added = client.post(
            "/api/basket/add-product/", {"url": product_url(product), "quantity": quantity}, format="json"
        )
        assert added.status_code == 200, added.content
    return client.get("/api/basket/").json()


def check_out(client, basket, **fields):
    body = {
        "basket": basket["url"],
        "guest_email": "guest@example.com",
        "shipping_method_code": "nova-poshta",
        "shipping_address": ADDRESS,
        **fields,
    }
    return client.post("/api/checkout/", body, format="json")


def basket_state(basket):
    stored = Basket.objects.get(pk=basket["id"])
    return stored.status, [(line.product_id, line.quantity) for line in stored.all_lines()]


def test_the_payment_methods_for_the_basket_list_the_dummy_gateway_as_test_only(api, small_shop):
    fill_basket(api, [small_shop.product])

    methods = api.get("/api/basket/payment-methods/")

    assert methods.status_code == 200
    assert methods.json() == [
        {
            "code": "dummy",
            "label": "Test payment (no money moves — for trying the shop only)",
            "test_only": True,
            "public_keys": {},
        }
    ]


def test_stripe_is_listed_with_the_publishable_key_a_client_needs_and_never_the_secret(
    api, small_shop, settings
):
    settings.STRIPE_SECRET_KEY = "sk_test_never_shown"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_for_clients"
    fill_basket(api, [small_shop.product])

    methods = api.get("/api/basket/payment-methods/")

    stripe = next(method for method in methods.json() if method["code"] == "stripe")
    assert stripe["public_keys"] == {"publishable_key": "pk_test_for_clients"}
    assert "sk_test_never_shown" not in methods.content.decode()


def test_a_caller_without_a_basket_gets_the_methods_for_the_shops_currency(api, small_shop):
    methods = api.get("/api/basket/payment-methods/")

    assert methods.status_code == 200
    assert [method["code"] for method in methods.json()] == ["dummy"]


def test_a_guest_paying_with_the_dummy_gateway_gets_a_paid_order_for_the_shops_total(api, small_shop):
    basket = fill_basket(api, small_shop.products)

    placed = check_out(api, basket, payment_method="dummy")

    assert placed.status_code == 200, placed.content
    order = placed.json()
    # 12.00 + 40.50 + 5.00 shipping, worked out by the shop
    assert (order["status"], order["total_incl_tax"], order["currency"]) == ("Paid", "57.50", "EUR")
    payment = order["payment"]
    assert payment["gateway"] == "dummy"
    assert payment["status"] == "succeeded"
    assert (payment["amount"], payment["currency"]) == ("57.50", "EUR")
    assert payment["client_secret"] is None and payment["approval_url"] is None
    assert payment["order_status"] == "Paid"
    stored = Order.objects.get(number=order["number"])
    assert (
        payment["confirm_url"] == order["payment_url"] == f"http://testserver/api/orders/{stored.pk}/payment/"
    )
    assert [(event.event_type.name, event.amount) for event in stored.payment_events.all()] == [
        ("Paid", Decimal("57.50"))
    ]
    assert CheckoutPayment.objects.get(order_number=stored.number).status == "succeeded"
    assert Basket.objects.get(pk=basket["id"]).status == Basket.SUBMITTED
    # the guest follows the order, and its payment, in the same session
    assert api.get(order["url"]).json()["status"] == "Paid"
    assert api.get(order["payment_url"]).json()["status"] == "succeeded"
    assert api.get("/api/basket/").json()["id"] != basket["id"]  # a fresh basket for the next order
    # the order confirmation is queued as for a storefront order
    assert OutgoingEmail.objects.filter(
        recipient="guest@example.com", subject__contains=stored.number
    ).exists()


def test_when_only_one_method_is_offered_it_may_be_left_out(api, small_shop):
    basket = fill_basket(api, [small_shop.product])

    placed = check_out(api, basket)

    assert placed.status_code == 200, placed.content
    assert placed.json()["payment"]["gateway"] == "dummy"
    assert placed.json()["status"] == "Paid"


def test_a_signed_in_shopper_pays_and_sees_the_order_in_their_list(small_shop, shopper):
    client = bearer(obtain_tokens(APIClient(), shopper)["access"])
    basket = fill_basket(client, [small_shop.product])

    placed = check_out(client, basket, guest_email="", payment_method="dummy")

    assert placed.status_code == 200, placed.content
    assert [order["status"] for order in client.get("/api/orders/").json()["results"]] == ["Paid"]
    assert Order.objects.get().user == shopper


@refused_checkout_commits
@pytest.mark.parametrize("payment_method", ["stripe", "paypal", "cash", ""])
def test_a_payment_method_not_offered_is_refused_and_nothing_changes(api, small_shop, payment_method):
    basket = fill_basket(api, small_shop.products)
    before = basket_state(basket)

    refused = check_out(api, basket, payment_method=payment_method)

    assert refused.status_code == 400
    assert "payment_method" in refused.json()
    assert not Order.objects.exists()
    assert not CheckoutPayment.objects.exists()
    assert basket_state(basket) == before == (Basket.OPEN, before[1])


def test_amounts_and_currency_the_client_sends_are_ignored(api, small_shop):
    basket = fill_basket(api, small_shop.products)

    placed = check_out(api, basket, payment_method="dummy", amount="0.01", currency="USD", price="1")

    assert placed.status_code == 200, placed.content
    order = Order.objects.get()
    assert (order.total_incl_tax, order.currency, order.status) == (Decimal("57.50"), "EUR", "Paid")
    payment = CheckoutPayment.objects.get()
    assert (payment.amount, payment.currency) == (Decimal("57.50"), "EUR")


@refused_checkout_commits
@pytest.mark.parametrize(
    "posted",
    [
        {"total": "0.01"},
        {"shipping_charge": {"currency": "EUR", "excl_tax": "0.00", "tax": "0.00"}},
    ],
)
def test_a_total_or_shipping_charge_other_than_the_shops_is_refused_and_nothing_changes(
    api, small_shop, posted
):
    basket = fill_basket(api, small_shop.products)
    before = basket_state(basket)

    refused = check_out(api, basket, payment_method="dummy", **posted)

    assert refused.status_code == 400
    assert not Order.objects.exists()
    assert not CheckoutPayment.objects.exists()
    assert basket_state(basket) == before


@refused_checkout_commits
def test_stock_taken_by_someone_else_is_a_clear_conflict_and_the_basket_is_kept(api, small_shop):
    product = small_shop.product
    basket = fill_basket(api, [product], quantity=2)
    before = basket_state(basket)
    stock = product.stockrecords.get()
    # another shopper's order took all but one unit after this basket was filled
    stock.num_allocated = stock.num_in_stock - 1
    stock.save()

    refused = check_out(api, basket, payment_method="dummy")

    assert refused.status_code == 409
    assert "no longer in stock" in refused.json()["detail"]
    assert "Your basket is kept" in refused.json()["detail"]
    assert not Order.objects.exists()
    assert basket_state(basket) == before
    stock.refresh_from_db()
    assert stock.num_allocated == stock.num_in_stock - 1
    # the payment started for the order was given up, so it can never be charged
    assert CheckoutPayment.objects.get().status == "cancelled"
    # and the kept basket checks out once the quantity fits
    line = Basket.objects.get(pk=basket["id"]).all_lines()[0]
    line.quantity = 1
    line.save()
    assert check_out(api, basket, payment_method="dummy").json()["status"] == "Paid"


def test_someone_elses_order_payment_answers_404_and_changes_nothing(api, small_shop, shopper):
    basket = fill_basket(api, [small_shop.product])
    order = check_out(api, basket, payment_method="dummy").json()
    signed_in = bearer(obtain_tokens(APIClient(), shopper)["access"])
    other_guest = APIClient()

    for intruder in (signed_in, other_guest):
        assert intruder.get(order["payment_url"]).status_code == 404
        assert intruder.post(order["payment_url"], {}, format="json").status_code == 404
        assert intruder.get(order["url"]).status_code == 404
    assert api.get(order["url"]).status_code == 200
    assert Order.objects.get().payment_events.count() == 1


def test_card_numbers_are_refused_by_the_payment_endpoint(api, small_shop):
    basket = fill_basket(api, [small_shop.product])
    order = check_out(api, basket, payment_method="dummy").json()

    for sent in ("4242424242424242", "4242 4242 4242 4242", "card=4242-4242-4242-4242", "pm card"):
        refused = api.post(order["payment_url"], {"payment_method": sent}, format="json")
        assert refused.status_code == 400, sent
        assert "never card details" in refused.json()["payment_method"][0]


def test_paying_an_order_already_paid_charges_nothing_more(api, small_shop):
    basket = fill_basket(api, [small_shop.product])
    order = check_out(api, basket, payment_method="dummy").json()

    again = api.post(order["payment_url"], {}, format="json")

    assert again.status_code == 200
    assert again.json()["status"] == "succeeded"
    assert Order.objects.get().payment_events.count() == 1


def test_paying_is_rate_limited_with_the_checkout_budget(api, small_shop, settings):
    rest = django_settings.REST_FRAMEWORK
    settings.REST_FRAMEWORK = {
        **rest,
        "DEFAULT_THROTTLE_RATES": {**rest["DEFAULT_THROTTLE_RATES"], "checkout": "2/hour"},
    }
    basket = fill_basket(api, [small_shop.product])
    order = check_out(api, basket, payment_method="dummy").json()

    first = api.post(order["payment_url"], {}, format="json")
    throttled = api.post(order["payment_url"], {}, format="json")

    assert first.status_code == 200
    assert throttled.status_code == 429
    assert api.get(order["payment_url"]).status_code == 200  # reads are not counted


def test_the_api_docs_explain_paying(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    assert "payment-methods" in schema["info"]["description"]
    methods = schema["paths"]["/api/basket/payment-methods/"]["get"]
    payment = schema["paths"]["/api/orders/{id}/payment/"]
    checkout = schema["paths"]["/api/checkout/"]["post"]
    assert "payment_method" in checkout["description"]
    assert {"200", "400", "409", "503"} <= set(checkout["responses"])
    assert {"200", "400", "402", "404", "503"} <= set(payment["post"]["responses"])
    assert methods["description"] and payment["get"]["description"]
    assert "payment" in schema["components"]["schemas"]["CheckoutOrder"]["properties"]
