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
    # Approved by the shopper at the provider, waiting for the shop to complete it (PayPal).
    approved: bool = False
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
    """A payment provider behind the shop's one interface; only its module imports the provider SDK.

    `fetch_state` only reads. Money moves only in `start_payment`, `pay_with_token`,
    `complete_approved`, `capture`, `cancel` and `refund`, each sent with an idempotency key.
    """

    code: str
    label: str
    currencies: frozenset[str]
    test_only = False
    # True when the server itself confirms the payment (no page or approval for the shopper).
    confirms_on_server = False
    # True when the shopper approves on the provider's own pages (PayPal), reached through approval_url.
    approves_at_provider = False
    # The partial the pay page includes for this gateway (its widget, link or button).
    payment_template = ""

    @classmethod
    @abstractmethod
    def is_configured(cls) -> bool:
        """True when this shop's settings let it take payments through this gateway."""

    def public_keys(self):
        """What a shopper's browser or app needs to talk to the provider itself (never a secret)."""
        return {}

    def pay_page_sources(self):
        """What the pay page's Content-Security-Policy adds for this gateway's partial (its script,
        frames and API); the pay page of another gateway allows none of it."""
        return {}

    def place_order_sources(self):
        """What the place-order page's policy adds: where placing the order may end (an approval page)."""
        return {}

    def supports(self, currency):
        return currency.upper() in self.currencies

    @abstractmethod
    def start_payment(
        self, *, order_number, amount, currency, idempotency_key, capture, return_url="", cancel_url=""
    ) -> PaymentState:
        """Create the payment for an order total; nothing is charged until the shopper confirms.

        `return_url` and `cancel_url` are where a provider that approves on its own pages sends the
        shopper back to, after approving or giving up.
        """

    @abstractmethod
    def fetch_state(self, reference) -> PaymentState:
        """Read the payment's current state at the provider; never moves money."""

    def pay_with_token(self, reference, token) -> PaymentState:
        """Pay with what the shopper's browser or app got from the provider (a card token)."""
        raise PaymentDeclined(f"{self.label} takes no payment token: the shopper approves at the provider.")

    def complete_approved(self, reference, *, idempotency_key) -> PaymentState:
        """Take (or hold) the money of a payment the shopper approved at the provider.

        A gateway whose shopper pays in the provider's own widget has nothing to complete: its state is read.
        """
        return self.fetch_state(reference)

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
