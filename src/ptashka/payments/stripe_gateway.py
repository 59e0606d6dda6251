"""The Stripe bridge: PaymentIntents confirmed through Stripe.js; the one module that imports stripe."""

import time
from decimal import Decimal

import stripe
from django.conf import settings

from ptashka.security.content_policy import stripe_js_sources

from .gateway import (
    AUTHORISED,
    CANCELLED,
    FAILED,
    REQUIRES_ACTION,
    SUCCEEDED,
    Gateway,
    PaymentDeclined,
    PaymentServiceUnavailable,
    PaymentState,
    Refund,
    RefundRefused,
    WebhookEvent,
    WebhookRejected,
)

# Stripe amounts are in the currency's smallest unit; these currencies have none below the unit.
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD", "UGX", "XAF", "XOF"})

INTENT_STATES = {
    "requires_payment_method": REQUIRES_ACTION,
    "requires_confirmation": REQUIRES_ACTION,
    "requires_action": REQUIRES_ACTION,
    "processing": REQUIRES_ACTION,
    "requires_capture": AUTHORISED,
    "succeeded": SUCCEEDED,
    "canceled": CANCELLED,
}

WEBHOOK_KINDS = {
    "payment_intent.succeeded": SUCCEEDED,
    "payment_intent.amount_capturable_updated": AUTHORISED,
    "payment_intent.payment_failed": FAILED,
    "payment_intent.canceled": CANCELLED,
    "charge.refunded": "refunded",
}


def to_minor_units(amount, currency):
    factor = 1 if currency.upper() in ZERO_DECIMAL_CURRENCIES else 100
    return int((Decimal(amount) * factor).to_integral_value())


def from_minor_units(value, currency):
    factor = 1 if currency.upper() in ZERO_DECIMAL_CURRENCIES else 100
    return (Decimal(value or 0) / factor).quantize(Decimal("0.01"))


def signed_at(signature_header):
    """The t= timestamp of a Stripe-Signature header that the SDK has already verified."""
    for item in signature_header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t":
            return int(value)
    raise WebhookRejected("Stripe signature check failed: no timestamp in the header.")


class StripeGateway(Gateway):
    code = "stripe"
    label = "Card (Stripe)"
    currencies = frozenset({"EUR", "UAH", "USD", "GBP", "PLN", "CZK", "CHF", "SEK", "DKK", "NOK"})
    payment_template = "payments/stripe/pay.html"

    @classmethod
    def is_configured(cls):
        return bool(settings.STRIPE_SECRET_KEY)

    def public_keys(self):
        # Stripe.js and the mobile SDKs confirm the client secret with the publishable key.
        return {"publishable_key": settings.STRIPE_PUBLISHABLE_KEY}

    def script_url(self):
        """Stripe.js, which draws the card field on the pay page (localstripe's own in tests)."""
        return settings.STRIPE_JS_URL

    def pay_page_sources(self):
        return stripe_js_sources()

    def __init__(self):
        base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
        self.client = stripe.StripeClient(
            settings.STRIPE_SECRET_KEY,
            base_addresses=base,
            max_network_retries=settings.PAYMENTS_PROVIDER_RETRIES,
            http_client=stripe.RequestsClient(timeout=settings.PAYMENTS_PROVIDER_TIMEOUT_SECONDS),
        )

    def _call(self, method, *args, **kwargs):
        """One Stripe call, its errors turned into the shop's own."""
        try:
            result = method(*args, **kwargs)
        except stripe.CardError as error:
            raise PaymentDeclined(error.user_message or "Your card was declined.") from error
        except stripe.InvalidRequestError as error:
            if error.code in ("charge_already_refunded", "amount_too_large"):
                raise RefundRefused(error.user_message or str(error)) from error
            raise PaymentServiceUnavailable(
                f"Stripe refused the request: {error.user_message or error}"
            ) from error
        except stripe.StripeError as error:
            # Timeouts, connection failures, 5xx, bad keys: none of it is the shopper's doing.
            raise PaymentServiceUnavailable(f"Stripe is unavailable: {error}") from error
        return result.to_dict()

    def _state(self, intent):
        error = intent.get("last_payment_error") or {}
        status = INTENT_STATES.get(intent["status"], REQUIRES_ACTION)
        if intent["status"] == "requires_payment_method" and error:
            status = FAILED
        currency = intent["currency"].upper()
        received = intent.get("amount_received")
        if received is None and intent["status"] == "succeeded":
            received = intent["amount"]
        return PaymentState(
            reference=intent["id"],
            status=status,
            amount=from_minor_units(intent["amount"], currency),
            currency=currency,
            amount_captured=from_minor_units(received or 0, currency),
            client_secret=intent.get("client_secret") or "",
            decline_reason=error.get("message", "") if error else "",
        )

    def start_payment(
        self, *, order_number, amount, currency, idempotency_key, capture, return_url="", cancel_url=""
    ):
        # The shopper pays in Stripe.js on the shop's own page: there is nowhere to send them and back.
        intent = self._call(
            self.client.v1.payment_intents.create,
            params={
                "amount": to_minor_units(amount, currency),
                "currency": currency.lower(),
                "capture_method": "automatic" if capture else "manual",
                "payment_method_types": ["card"],
                "metadata": {"order_number": order_number},
            },
            options={"idempotency_key": idempotency_key},
        )
        return self._state(intent)

    def fetch_state(self, reference):
        return self._state(self._call(self.client.v1.payment_intents.retrieve, reference))

    def pay_with_token(self, reference, token):
        # The card went from the shopper's browser or app to Stripe; we only ever see the token for it:
        # a PaymentMethod id (pm_…, Stripe's SDKs) or a card token (tok_…, Stripe.js' card element).
        try:
            if token.startswith("pm_"):
                payment_method = token
            else:
                payment_method = self._call(self.client.v1.tokens.retrieve, token)["card"]["id"]
            self._call(
                self.client.v1.payment_intents.update, reference, params={"payment_method": payment_method}
            )
            return self._state(self._call(self.client.v1.payment_intents.confirm, reference))
        except PaymentServiceUnavailable as error:
            # A token Stripe does not know is the client's mistake, not an outage.
            missing = error.__cause__
            if isinstance(missing, stripe.InvalidRequestError) and (
                missing.code == "resource_missing" or missing.http_status == 404
            ):
                raise PaymentDeclined(
                    "Stripe does not know this payment method: make one with Stripe's SDK and send its id."
                ) from missing
            raise

    def capture(self, reference, *, amount, idempotency_key):
        intent = self._call(self.client.v1.payment_intents.retrieve, reference)
        params = {"amount_to_capture": to_minor_units(amount, intent["currency"])}
        captured = self._call(
            self.client.v1.payment_intents.capture,
            reference,
            params=params,
            options={"idempotency_key": idempotency_key},
        )
        return self._state(captured)

    def cancel(self, reference, *, idempotency_key):
        intent = self._call(self.client.v1.payment_intents.retrieve, reference)
        if intent["status"] in ("succeeded", "canceled"):
            return self._state(intent)
        return self._state(
            self._call(
                self.client.v1.payment_intents.cancel, reference, options={"idempotency_key": idempotency_key}
            )
        )

    def refund(self, reference, *, amount, currency, idempotency_key):
        refund = self._call(
            self.client.v1.refunds.create,
            params={"payment_intent": reference, "amount": to_minor_units(amount, currency)},
            options={"idempotency_key": idempotency_key},
        )
        return Refund(reference=refund["id"], amount=from_minor_units(refund["amount"], currency))

    def parse_webhook(self, body, headers):
        if not settings.STRIPE_WEBHOOK_SECRET:
            # Anyone can sign with an empty secret (the system checks report this setup as an error).
            raise WebhookRejected("Stripe webhooks cannot be verified: STRIPE_WEBHOOK_SECRET is not set.")
        signature = headers.get("Stripe-Signature", "")
        tolerance = settings.PAYMENTS_WEBHOOK_TOLERANCE_SECONDS
        try:
            event = stripe.Webhook.construct_event(
                body, signature, settings.STRIPE_WEBHOOK_SECRET, tolerance=tolerance
            )
        except (stripe.SignatureVerificationError, ValueError) as error:
            raise WebhookRejected(f"Stripe signature check failed: {error}") from error
        # The SDK refuses only timestamps too far in the past; one too far ahead is no fresher a signature.
        if signed_at(signature) > time.time() + tolerance:
            raise WebhookRejected("Stripe signature check failed: the timestamp is in the future.")
        event = event.to_dict()
        obj = event["data"]["object"]
        kind = WEBHOOK_KINDS.get(event["type"], "")
        currency = (obj.get("currency") or "").upper()
        raw = {"type": event["type"], "id": event["id"]}
        if kind == "refunded":
            reference = obj.get("payment_intent") or ""
            amount = from_minor_units(obj.get("amount_refunded"), currency)
            refunds = (obj.get("refunds") or {}).get("data") or []
            raw["refunds"] = [
                (refund["id"], str(from_minor_units(refund["amount"], currency))) for refund in refunds
            ]
        else:
            reference = obj.get("id", "")
            amount = (
                from_minor_units(obj.get("amount_received") or obj.get("amount"), currency)
                if currency
                else None
            )
        return WebhookEvent(
            event_id=event["id"],
            kind=kind,
            payment_reference=reference,
            amount=amount,
            currency=currency,
            raw=raw,
        )
