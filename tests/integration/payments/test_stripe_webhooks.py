"""Stripe webhooks: verified signatures, one application per event id, and order-independent results."""

import hashlib
import hmac
import json
import time

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from ptashka.payments.models import CheckoutPayment, ProviderEvent
from ptashka.payments.stripe_gateway import StripeGateway
from tests.fakes.localstripe_process import card_token

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")

pytestmark = [pytest.mark.localstripe, pytest.mark.django_db]

WEBHOOK = "/payments/stripe/webhook/"


def signed(payload, secret, timestamp=None):
    """The Stripe-Signature header Stripe would send for this body."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event_body(event_id, event_type, intent_id):
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": event_type,
            "data": {
                "object": {"id": intent_id, "object": "payment_intent", "amount": 5750, "currency": "eur"}
            },
        }
    )


def post_event(client, body, signature):
    return client.post(WEBHOOK, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)


@pytest.fixture
def paid_at_stripe(client, small_shop, to_preview, stripe_settings):
    """A Stripe order whose shopper paid at Stripe, and whose news has not reached the shop yet."""
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"gateway": "stripe"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    payment = CheckoutPayment.objects.get(order_number=order.number)
    StripeGateway().pay_with_token(payment.reference, card_token(stripe_settings.STRIPE_API_BASE))
    assert Order.objects.get().status == "Pending"
    return order, payment


def test_a_signed_payment_succeeded_event_makes_the_order_paid(client, paid_at_stripe, stripe_settings):
    order, payment = paid_at_stripe
    body = event_body("evt_paid_1", "payment_intent.succeeded", payment.reference)

    answer = post_event(client, body, signed(body, stripe_settings.STRIPE_WEBHOOK_SECRET))

    assert answer.status_code == 200
    order.refresh_from_db()
    assert order.status == "Paid"
    assert list(order.payment_events.values_list("event_type__name", "reference")) == [("Paid", "evt_paid_1")]


def test_second_delivery_of_same_webhook_changes_nothing(client, paid_at_stripe, stripe_settings):
    order, payment = paid_at_stripe
    body = event_body("evt_paid_2", "payment_intent.succeeded", payment.reference)
    post_event(client, body, signed(body, stripe_settings.STRIPE_WEBHOOK_SECRET))

    again = post_event(client, body, signed(body, stripe_settings.STRIPE_WEBHOOK_SECRET))

    assert again.status_code == 200
    assert again.json()["applied"] is False
    assert PaymentEvent.objects.filter(order=order).count() == 1
    assert ProviderEvent.objects.filter(event_id="evt_paid_2").count() == 1
    assert order.sources.get().amount_debited == order.total_incl_tax


@pytest.mark.parametrize(
    "signature",
    [
        pytest.param(lambda body, secret: signed(body, "whsec_someone_else"), id="forged"),
        pytest.param(
            lambda body, secret: signed(body, secret, timestamp=int(time.time()) - 3600), id="stale"
        ),
        pytest.param(
            lambda body, secret: signed(body, secret, timestamp=int(time.time()) + 400), id="from-the-future"
        ),
        pytest.param(lambda body, secret: "", id="missing"),
        pytest.param(lambda body, secret: "t=1,v1=deadbeef", id="garbage"),
    ],
)
def test_a_webhook_without_a_valid_fresh_signature_gets_400_and_changes_nothing(
    client, paid_at_stripe, stripe_settings, signature
):
    order, payment = paid_at_stripe
    body = event_body("evt_forged", "payment_intent.succeeded", payment.reference)

    answer = post_event(client, body, signature(body, stripe_settings.STRIPE_WEBHOOK_SECRET))

    assert answer.status_code == 400
    order.refresh_from_db()
    assert order.status == "Pending"
    assert ProviderEvent.objects.count() == 0
    assert PaymentEvent.objects.count() == 0


def test_a_late_failure_event_after_the_success_leaves_the_order_paid(
    client, paid_at_stripe, stripe_settings
):
    order, payment = paid_at_stripe
    secret = stripe_settings.STRIPE_WEBHOOK_SECRET
    succeeded = event_body("evt_ok", "payment_intent.succeeded", payment.reference)
    failed_earlier = event_body("evt_failed_earlier", "payment_intent.payment_failed", payment.reference)

    post_event(client, succeeded, signed(succeeded, secret))
    late = post_event(client, failed_earlier, signed(failed_earlier, secret))

    assert late.status_code == 200
    order.refresh_from_db()
    assert order.status == "Paid"
    assert list(order.payment_events.values_list("event_type__name", flat=True)) == ["Paid"]


def test_an_event_for_a_payment_the_shop_never_made_is_stored_and_ignored(client, stripe_settings, db):
    body = event_body("evt_stranger", "payment_intent.succeeded", "pi_not_ours")

    answer = post_event(client, body, signed(body, stripe_settings.STRIPE_WEBHOOK_SECRET))

    assert answer.status_code == 200
    assert answer.json()["applied"] is False
    assert Order.objects.count() == 0
