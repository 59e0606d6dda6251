"""The Dummy gateway: a test-only stand-in provider that approves every payment, kept in the cache."""

from decimal import Decimal

from django.conf import settings
from django.core.cache import cache

from .gateway import (
    AUTHORISED,
    CANCELLED,
    REQUIRES_ACTION,
    SUCCEEDED,
    Gateway,
    PaymentState,
    Refund,
    RefundRefused,
    WebhookRejected,
)

# The "provider side" lives in the cache so reconciliation can ask it after a crash, as with a real one.
CACHE_PREFIX = "dummy-gateway:"
KEEP_SECONDS = 7 * 24 * 3600


class DummyGateway(Gateway):
    code = "dummy"
    label = "Test payment (no money moves — for trying the shop only)"
    currencies = frozenset({"EUR", "UAH", "USD", "GBP", "PLN"})
    test_only = True
    confirms_on_server = True
    payment_template = "payments/dummy/pay.html"

    @classmethod
    def is_configured(cls):
        # It places Paid orders without taking money, so only a setting switches it on (dev and test
        # do; prod does not): a shop without keys offers nothing rather than free orders.
        return settings.PAYMENTS_DUMMY_GATEWAY

    def _load(self, reference):
        state = cache.get(CACHE_PREFIX + reference)
        if state is None:
            raise LookupError(f"no dummy payment {reference}")
        return state

    def _store(self, reference, state):
        cache.set(CACHE_PREFIX + reference, state, KEEP_SECONDS)

    def _state(self, reference, stored):
        return PaymentState(
            reference=reference,
            status=stored["status"],
            amount=Decimal(stored["amount"]),
            currency=stored["currency"],
            amount_captured=Decimal(stored["captured"]),
        )

    def start_payment(
        self, *, order_number, amount, currency, idempotency_key, capture, return_url="", cancel_url=""
    ):
        reference = f"dummy_{idempotency_key}"
        stored = cache.get(CACHE_PREFIX + reference)
        if stored is None:  # a repeated start with the same key returns the same payment
            stored = {
                "status": REQUIRES_ACTION,
                "amount": str(amount),
                "currency": currency,
                "captured": "0.00",
                "refunded": "0.00",
                "capture": capture,
            }
            self._store(reference, stored)
        return self._state(reference, stored)

    def fetch_state(self, reference):
        return self._state(reference, self._load(reference))

    def pay_with_token(self, reference, token):
        return self.complete_approved(reference, idempotency_key=token)

    def complete_approved(self, reference, *, idempotency_key):
        stored = self._load(reference)
        if stored["status"] == REQUIRES_ACTION:
            if stored["capture"]:
                stored.update(status=SUCCEEDED, captured=stored["amount"])
            else:
                stored.update(status=AUTHORISED)
            self._store(reference, stored)
        return self._state(reference, stored)

    def capture(self, reference, *, amount, idempotency_key):
        stored = self._load(reference)
        if stored["status"] == AUTHORISED:
            stored.update(status=SUCCEEDED, captured=str(amount))
            self._store(reference, stored)
        return self._state(reference, stored)

    def cancel(self, reference, *, idempotency_key):
        stored = self._load(reference)
        if stored["status"] in (REQUIRES_ACTION, AUTHORISED):
            stored.update(status=CANCELLED)
            self._store(reference, stored)
        return self._state(reference, stored)

    def refund(self, reference, *, amount, currency, idempotency_key):
        stored = self._load(reference)
        refunds = stored.setdefault("refunds", {})
        if idempotency_key not in refunds:
            left = Decimal(stored["captured"]) - Decimal(stored["refunded"])
            if amount > left:
                raise RefundRefused(f"only {left} {currency} is left to refund")
            refunds[idempotency_key] = str(amount)
            stored["refunded"] = str(Decimal(stored["refunded"]) + amount)
            self._store(reference, stored)
        return Refund(
            reference=f"{reference}_refund_{idempotency_key}", amount=Decimal(refunds[idempotency_key])
        )

    def parse_webhook(self, body, headers):
        raise WebhookRejected("the dummy gateway sends no webhooks")
