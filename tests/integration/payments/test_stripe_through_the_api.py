"""Paying through the API with Stripe on localstripe: client secret, confirming on the server, declines."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model
from rest_framework.test import APIClient

from ptashka.payments.models import CheckoutPayment
from ptashka.payments.stripe_gateway import StripeGateway
from tests.fakes.localstripe_process import card_token, free_port
from tests.functional.api.api_steps import refused_checkout_commits
from tests.functional.api.test_paying_through_the_api import basket_state, check_out, fill_basket

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

pytestmark = [pytest.mark.localstripe, pytest.mark.django_db]


@pytest.fixture
def stripe_order(small_shop, stripe_settings):
    """A guest's order placed through the API with Stripe, waiting for payment."""
    client = APIClient()
    basket = fill_basket(client, small_shop.products)
    placed = check_out(client, basket, payment_method="stripe", amount="0.01", currency="USD")
    assert placed.status_code == 200, placed.content
    return client, placed.json()


def test_stripe_and_dummy_are_offered_when_both_are_configured(small_shop, stripe_settings):
    stripe_settings.PAYMENTS_DUMMY_GATEWAY = True
    client = APIClient()
    fill_basket(client, [small_shop.product])

    methods = client.get("/api/basket/payment-methods/").json()

    assert [(method["code"], method["test_only"]) for method in methods] == [
        ("stripe", False),
        ("dummy", True),
    ]


def test_checkout_with_stripe_answers_a_client_secret_for_the_shops_total(stripe_order):
    client, order = stripe_order

    payment = order["payment"]

    assert order["status"] == "Pending"
    assert (payment["gateway"], payment["status"]) == ("stripe", "requires_action")
    assert payment["client_secret"].startswith("pi_")
    # 12.00 + 40.50 + 5.00 shipping, whatever the client sent
    assert (payment["amount"], payment["currency"]) == ("57.50", "EUR")
    reference = CheckoutPayment.objects.get().reference
    intent = StripeGateway().fetch_state(reference)
    assert (intent.amount, intent.currency) == (Decimal("57.50"), "EUR")
    assert payment["client_secret"] == intent.client_secret


def test_paying_with_a_stripe_payment_method_makes_the_order_paid(stripe_order):
    client, order = stripe_order

    paid = client.post(order["payment"]["confirm_url"], {"payment_method": "pm_card_visa"}, format="json")

    assert paid.status_code == 200, paid.content
    assert (paid.json()["status"], paid.json()["order_status"]) == ("succeeded", "Paid")
    assert client.get(order["url"]).json()["status"] == "Paid"
    stored = Order.objects.get()
    assert [(event.event_type.name, event.amount) for event in stored.payment_events.all()] == [
        ("Paid", Decimal("57.50"))
    ]
    assert stored.sources.get().amount_debited == Decimal("57.50")


def test_a_declined_card_answers_402_with_stripes_reason_and_the_order_waits(stripe_order):
    client, order = stripe_order

    # localstripe knows Stripe's test card that is declined when charged by this id
    declined = client.post(
        order["payment_url"], {"payment_method": "pm_card_chargeCustomerFail"}, format="json"
    )

    assert declined.status_code == 402
    assert declined.json()["detail"] == "Your card was declined."
    stored = Order.objects.get()
    assert stored.status == "Pending"
    assert [event.event_type.name for event in stored.payment_events.all()] == ["Declined"]
    assert client.get(order["payment_url"]).json()["status"] == "failed"


def test_a_payment_method_stripe_does_not_know_is_refused_and_a_real_one_still_pays(stripe_order):
    client, order = stripe_order

    refused = client.post(order["payment_url"], {"payment_method": "pm_made_up_by_the_client"}, format="json")
    paid = client.post(order["payment_url"], {"payment_method": "pm_card_visa"}, format="json")

    assert refused.status_code == 402
    assert "Stripe does not know this payment method" in refused.json()["detail"]
    assert paid.status_code == 200, paid.content
    assert paid.json()["order_status"] == "Paid"


def test_a_card_asking_for_3d_secure_answers_the_client_secret_to_finish_it(stripe_order, localstripe_url):
    client, order = stripe_order

    # a card token (what Stripe.js' card element makes; localstripe lets only those be made with
    # the publishable key) for Stripe's test card that asks for 3-D Secure
    answer = client.post(
        order["payment_url"],
        {"payment_method": card_token(localstripe_url, "4000002500003155")},
        format="json",
    )

    assert answer.status_code == 200
    assert answer.json()["status"] == "requires_action"
    assert answer.json()["client_secret"] == order["payment"]["client_secret"]
    assert Order.objects.get().status == "Pending"


def test_the_payment_state_comes_from_stripe_not_from_the_client(stripe_order):
    client, order = stripe_order
    # the client app confirmed with Stripe's SDK itself; the shop has not been told
    StripeGateway().pay_with_token(CheckoutPayment.objects.get().reference, "pm_card_visa")

    state = client.get(order["payment_url"])

    assert state.status_code == 200
    assert (state.json()["status"], state.json()["order_status"]) == ("succeeded", "Paid")
    assert Order.objects.get().status == "Paid"


def test_stripe_unreachable_when_paying_answers_503_and_changes_nothing(stripe_order, stripe_settings):
    client, order = stripe_order
    stripe_settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"  # nothing listens there

    refused = client.post(order["payment_url"], {"payment_method": "pm_card_visa"}, format="json")

    assert refused.status_code == 503
    assert "payment service is unavailable" in refused.json()["detail"]
    assert Order.objects.get().status == "Pending"
    assert CheckoutPayment.objects.get().status == "requires_action"


@refused_checkout_commits
def test_stripe_unreachable_at_checkout_answers_503_keeps_the_basket_and_makes_no_order(
    small_shop, stripe_settings
):
    client = APIClient()
    basket = fill_basket(client, small_shop.products)
    before = basket_state(basket)
    stripe_settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"

    refused = check_out(client, basket, payment_method="stripe")

    assert refused.status_code == 503
    assert "your basket is kept" in refused.json()["detail"]
    assert not Order.objects.exists()
    assert basket_state(basket) == before
    for product in small_shop.products:
        assert product.stockrecords.get().num_allocated in (0, None)
