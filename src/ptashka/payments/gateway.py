"""The one small interface every payment gateway implements, and the plain data it returns."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal

from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment


class PaymentDeclined(UnableToTakePayment):
    """The provider refused the payment; the message is the provider's reason, fit for the shopper."""


class PaymentServiceUnavailable(PaymentError):
    """The provider timed out, was unreachable or failed on its side; nothing was charged by us."""


class RefundRefused(Exception):
    """A refund that must not happen (above what was captured, nothing to refund)."""


class WebhookRejected(Exception):
    """A webhook whose signature is missing, forged or stale, or whose body is not an event."""


# Provider-neutral payment states: what the order pipeline reacts to.
REQUIRES_ACTION = "requires_action"  # the shopper still has to confirm (card page, 3-D Secure, approval)
AUTHORISED = "authorised"  # money held, to be captured at dispatch
SUCCEEDED = "succeeded"  # money captured
FAILED = "failed"  # declined; the shopper may try again
CANCELLED = "cancelled"  # given up; nothing will be captured


@dataclass(frozen=True)
class PaymentState:
    """A payment as the provider sees it."""

    reference: str
    status: str
    amount: Decimal
    currency: str
    amount_captured: Decimal = Decimal("0.00")
    client_secret: str = ""  # what the shopper's browser needs to confirm (Stripe.js)
    approval_url: str = ""  # where the shopper approves the payment (PayPal)
    decline_reason: str = ""


@dataclass(frozen=True)
class Refund:
    reference: str
    amount: Decimal


@dataclass(frozen=True)
class WebhookEvent:
    """A verified provider event, reduced to what changes an order."""

    event_id: str
    kind: str  # one of the payment states above, or "refunded"
    payment_reference: str
    amount: Decimal | None = None
    currency: str = ""
    raw: dict = field(default_factory=dict)


class Gateway(ABC):
    """A payment provider behind the shop's one interface; only its module imports the provider SDK."""

    code: str
    label: str
    currencies: frozenset[str]
    test_only = False
    # True when the server itself confirms the payment (no page or approval for the shopper).
    confirms_on_server = False
    # True when the shopper approves on the provider's own pages (PayPal), reached through approval_url.
    approves_at_provider = False

    def public_keys(self):
        """What a shopper's browser or app needs to talk to the provider itself (never a secret)."""
        return {}

    def supports(self, currency):
        return currency.upper() in self.currencies

    @abstractmethod
    def start_payment(self, *, order_number, amount, currency, idempotency_key, capture) -> PaymentState:
        """Create the payment for an order total; nothing is charged until the shopper confirms."""

    @abstractmethod
    def confirm(self, reference, *, payment_token="") -> PaymentState:
        """Confirm with what the shopper's browser got from the provider (a card token), or, without
        one, read the payment's current state at the provider."""

    @abstractmethod
    def capture(self, reference, *, amount, idempotency_key) -> PaymentState:
        """Capture an authorised payment."""

    @abstractmethod
    def cancel(self, reference, *, idempotency_key) -> PaymentState:
        """Give up an unpaid payment so it can never be charged."""

    @abstractmethod
    def refund(self, reference, *, amount, currency, idempotency_key) -> Refund:
        """Send part or all of a captured amount back."""

    @abstractmethod
    def parse_webhook(self, body: bytes, headers) -> WebhookEvent:
        """Verify a webhook's signature and read it; raises WebhookRejected when it is not genuine."""
