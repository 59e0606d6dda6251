"""localstripe itself delivers a signed payment_intent.succeeded webhook to the running shop."""

import time
import uuid

import pytest
import requests
from django.urls import reverse
from oscar.core.loading import get_model

from ptashka.payments.models import CheckoutPayment, ProviderEvent
from ptashka.payments.stripe_gateway import StripeGateway
from tests.fakes.localstripe_process import card_token

Order = get_model("order", "Order")

# Serialized rollback puts back what migrations made (content types…) that an earlier flush removed.
pytestmark = [pytest.mark.localstripe, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DELIVERY_WAIT_SECONDS = 30


@pytest.fixture
def webhook_to_live_server(live_server, stripe_settings):
    """localstripe posts payment_intent events, signed with our secret, to the live server."""
    hook = f"ptashka-{uuid.uuid4().hex}"
    register = f"{stripe_settings.STRIPE_API_BASE}/_config/webhooks/{hook}"
    requests.post(
        register,
        json={
            "url": f"{live_server.url}/payments/stripe/webhook/",
            "secret": stripe_settings.STRIPE_WEBHOOK_SECRET,
            "events": ["payment_intent.succeeded"],
        },
        timeout=5,
    ).raise_for_status()
    yield
    # localstripe cannot forget a webhook: point it where nothing listens once this test is over.
    requests.post(register, json={"url": "http://127.0.0.1:9/", "secret": "gone"}, timeout=5)


def wait_for_status(order, status):
    deadline = time.monotonic() + DELIVERY_WAIT_SECONDS
    while time.monotonic() < deadline:
        order.refresh_from_db()
        if order.status == status:
            return
        time.sleep(0.25)


def test_the_webhook_localstripe_sends_after_payment_makes_the_order_paid(
    client, small_shop, to_preview, stripe_settings, webhook_to_live_server
):
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"gateway": "stripe"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    payment = CheckoutPayment.objects.get(order_number=order.number)

    # the shopper pays at Stripe; the shop hears of it only through the webhook
    StripeGateway().pay_with_token(payment.reference, card_token(stripe_settings.STRIPE_API_BASE))
    wait_for_status(order, "Paid")

    assert order.status == "Paid"
    # (localstripe may also deliver events of earlier tests' payments: stored, and ignored)
    event = ProviderEvent.objects.get(gateway="stripe", kind="succeeded", payment_reference=payment.reference)
    recorded = list(order.payment_events.values_list("event_type__name", "reference"))
    assert recorded == [("Paid", event.event_id)]
