"""Stripe webhook signatures: only fresh ones, signed with the configured secret, are believed."""

import hashlib
import hmac
import json
import time

import pytest

from ptashka.payments.gateway import WebhookRejected
from ptashka.payments.stripe_gateway import StripeGateway

SECRET = "whsec_unit_tests"
BODY = json.dumps(
    {
        "id": "evt_unit",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi_unit", "object": "payment_intent", "amount": 5750, "currency": "eur"}},
    }
)


def signed(payload, secret=SECRET, timestamp=None):
    """The Stripe-Signature header Stripe would send for this body."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return {"Stripe-Signature": f"t={timestamp},v1={digest}"}


@pytest.fixture
def gateway(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_unit"
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    settings.PAYMENTS_WEBHOOK_TOLERANCE_SECONDS = 300
    return StripeGateway()


def test_a_fresh_signature_is_believed(gateway):
    event = gateway.parse_webhook(BODY, signed(BODY))

    assert (event.event_id, event.payment_reference) == ("evt_unit", "pi_unit")


def test_a_signature_a_little_ahead_of_our_clock_is_believed(gateway):
    event = gateway.parse_webhook(BODY, signed(BODY, timestamp=int(time.time()) + 60))

    assert event.event_id == "evt_unit"


@pytest.mark.parametrize("seconds", [+400, -400], ids=["future", "stale"])
def test_a_signature_timestamped_past_the_tolerance_either_way_is_refused(gateway, seconds):
    with pytest.raises(WebhookRejected):
        gateway.parse_webhook(BODY, signed(BODY, timestamp=int(time.time()) + seconds))


def test_without_a_webhook_secret_even_an_empty_secret_signature_is_refused(gateway, settings):
    # given a shop whose STRIPE_WEBHOOK_SECRET was never set: anyone can sign with the empty secret
    settings.STRIPE_WEBHOOK_SECRET = ""

    with pytest.raises(WebhookRejected, match="STRIPE_WEBHOOK_SECRET"):
        gateway.parse_webhook(BODY, signed(BODY, secret=""))
