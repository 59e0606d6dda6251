"""The payments facade: the one module the shop outside `ptashka.payments` calls about money.

Every operation calls the provider first, outside any row lock (its idempotency key makes a retry
safe), and then records what the provider said through `order_pipeline`, which locks the order row
and then its payments. `sync_payment` only ever reads; money moves only in the operations named for it.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment
from oscar.core.loading import get_model

from ptashka.public_url import shop_url

from . import order_pipeline
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
    RefundRefused,
    WebhookRejected,
)
from .models import CheckoutPayment, ProviderEvent
from .order_pipeline import AUTHORISED as ORDER_AUTHORISED
from .order_pipeline import CANCELLED as ORDER_CANCELLED
from .order_pipeline import PAID, PENDING, REFUNDED, order_payment, refundable
from .registry import configured_codes, gateway_by_code, gateway_label, gateways_for_basket

__all__ = [
    "AUTHORISED",
    "CANCELLED",
    "FAILED",
    "ORDER_AUTHORISED",
    "ORDER_CANCELLED",
    "PAID",
    "PENDING",
    "REFUNDED",
    "REQUIRES_ACTION",
    "SUCCEEDED",
    "UNAVAILABLE",
    "MoneyAlreadyTaken",
    "PaymentDeclined",
    "PaymentServiceUnavailable",
    "RefundRefused",
    "StartedPayment",
    "UnableToTakePayment",
    "WebhookRejected",
    "apply_webhook",
    "cancel_payment",
    "capture_payment",
    "complete_approved_payment",
    "gateway_for",
    "give_up_payment",
    "offered_gateways",
    "order_payment",
    "pay_with_token",
    "place_and_pay",
    "reconcile_payments",
    "refund",
    "refundable",
    "start_payment",
    "sync_payment",
]

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

logger = logging.getLogger(__name__)

UNAVAILABLE = gettext_lazy(
    "The payment service is unavailable right now — your basket is kept. Please try again in a few minutes."
)

# Webhook kinds answered by reading the provider's state now; "refunded" carries its refunds itself.
PAYMENT_KINDS = {REQUIRES_ACTION, AUTHORISED, SUCCEEDED, FAILED, CANCELLED}


# --- gateways to describe ---------------------------------------------------------------------------


def offered_gateways(basket):
    """The gateways offered for a basket (its currency, else the shop's), to list for the shopper.

    Describe them (label, public keys, payment template); move money only through this module.
    """
    return gateways_for_basket(basket)


def gateway_for(code):
    """The configured gateway of this code, to describe; LookupError when the shop does not offer it."""
    return gateway_by_code(code)


# --- checkout ---------------------------------------------------------------------------------------


@dataclass
class StartedPayment:
    """A payment started at a provider for an order number, the shop's record of it, and its latest state."""

    gateway: Gateway
    record: CheckoutPayment
    state: PaymentState

    @property
    def waits_for_shopper(self):
        """True when the shopper still has to pay (card, 3-D Secure, approval) once the order is placed."""
        return not self.gateway.confirms_on_server


def start_payment(gateway, *, order_number, total, basket_id):
    """Start paying an order's total at the provider and record it; None when there is nothing to pay.

    Call it outside any transaction: the record must be committed before the order is placed, so
    that a crash in between leaves reconciliation a trace (it cancels the payment and thaws the
    basket). An unreachable provider raises UnableToTakePayment with a message for the shopper.
    """
    if total.incl_tax <= 0:
        return None
    attempt = CheckoutPayment.objects.filter(order_number=order_number).count() + 1
    try:
        state = gateway.start_payment(
            order_number=order_number,
            amount=total.incl_tax,
            currency=total.currency,
            # The same attempt retried after a lost response finds the payment it already made.
            idempotency_key=f"order-{order_number}-start-{attempt}",
            capture=order_pipeline.capture_automatically(),
            return_url=shop_url(reverse("checkout:payment-return")),
            cancel_url=shop_url(reverse("checkout:payment-cancelled")),
        )
    except PaymentServiceUnavailable as error:
        logger.warning("Order #%s: %s", order_number, error)
        raise UnableToTakePayment(UNAVAILABLE) from error
    record, _created = CheckoutPayment.objects.get_or_create(
        gateway=gateway.code,
        reference=state.reference,
        defaults={
            "order_number": order_number,
            "basket_id": basket_id,
            "amount": state.amount,
            "currency": state.currency,
        },
    )
    return StartedPayment(gateway=gateway, record=record, state=state)


def place_and_pay(payment, place_order):
    """Place the order, then settle what can be settled now.

    `place_order()` writes the order (reserving its stock) and returns it; whatever else it does
    joins the same transaction. With nothing to pay the order is Paid with it; a gateway that
    confirms on the server (Dummy) is completed once the order is written; otherwise the order
    waits, Pending, for the shopper. When the order cannot be placed (stock gone) the payment is
    given up and UnableToPlaceOrder raised.
    """
    try:
        with transaction.atomic():
            order = place_order()
            if payment is None:
                # Through the order's EventHandler like every other move, so its effects follow.
                order_pipeline.move_status(order, PAID)
    except UnableToPlaceOrder:
        give_up_payment(payment)
        raise
    if payment is not None and not payment.waits_for_shopper:
        payment.state, _order = complete_approved_payment(payment.record)
        order.refresh_from_db(fields=["status"])
    return order


def give_up_payment(payment):
    """The order could not be placed: make sure its started payment can never be charged."""
    if payment is None:
        return
    try:
        cancel_payment(payment.record)
    except (PaymentServiceUnavailable, PaymentDeclined):
        # Left to reconciliation, which cancels unpaid payments once they are old enough.
        logger.warning("Could not cancel %s now; reconciliation will", payment.record)


CANCELLED_PAYMENT = gettext_lazy("This order's payment was cancelled; it can no longer be paid.")


class MoneyAlreadyTaken(PaymentError):
    """A cancellation that would keep money the shopper paid: the order is refunded instead."""


# --- one payment --------------------------------------------------------------------------------------


def _recorded(payment, state, event_reference=""):
    """Record a provider state against the payment and its order, under the one lock order."""
    return order_pipeline.apply_payment_state(
        payment.gateway, state, event_reference=event_reference, gateway_label=gateway_label(payment.gateway)
    )


def sync_payment(payment):
    """Read the payment's state at the provider (never moving money) and bring the order up to it.

    Returns (state, order); the order is None while it is not placed. Raises
    PaymentServiceUnavailable, or LookupError when the gateway is gone or the provider has no such payment.
    """
    state = gateway_by_code(payment.gateway).fetch_state(payment.reference)
    return state, _recorded(payment, state)


def complete_approved_payment(payment):
    """Take (or hold, by the capture setting) the money the shopper approved — their return from
    PayPal, the API's explicit completion, the Dummy gateway's order — and record it.

    A payment paid in the provider's own widget (Stripe.js) has nothing to complete: it is synced.
    A payment the shop gave up (unpaid too long, order not placed) is never captured, however late
    its approval. Returns (state, order).
    """
    gateway = gateway_by_code(payment.gateway)
    payment.refresh_from_db(fields=["status", "declines"])
    if payment.status == CANCELLED or not (gateway.approves_at_provider or gateway.confirms_on_server):
        return sync_payment(payment)
    # One key per approval: completing it twice captures once, and an approval given again after a
    # declined funding source is a new request, not a replay of the refusal. The count of declines
    # is in the database, so every process builds the same key.
    state = gateway.complete_approved(
        payment.reference, idempotency_key=f"order-{payment.order_number}-complete-{payment.declines + 1}"
    )
    if state.status == FAILED:
        CheckoutPayment.objects.filter(pk=payment.pk).update(declines=F("declines") + 1)
    return state, _recorded(payment, state)


def pay_with_token(payment, token):
    """Pay with what the shopper's browser or app got from the provider (a card token, a PaymentMethod id).

    Returns (state, order). A decline is recorded as far as the provider tells us now (else by its
    webhook or reconciliation) and raised as PaymentDeclined.
    """
    payment.refresh_from_db(fields=["status"])
    if payment.status == CANCELLED:
        # Given up by the shop (order cancelled, unpaid too long): a card sent now is never charged.
        raise PaymentDeclined(CANCELLED_PAYMENT)
    gateway = gateway_by_code(payment.gateway)
    try:
        state = gateway.pay_with_token(payment.reference, token)
    except PaymentDeclined:
        try:
            sync_payment(payment)
        except PaymentServiceUnavailable:
            pass  # the decline is recorded by its webhook or by reconciliation
        raise
    return state, _recorded(payment, state)


def cancel_payment(payment):
    """Give up an unpaid payment at the provider so it can never be charged, and record it.

    Returns the provider's state.
    """
    gateway = gateway_by_code(payment.gateway)
    state = gateway.cancel(
        payment.reference, idempotency_key=f"order-{payment.order_number}-cancel-{payment.pk}"
    )
    _recorded(payment, state)
    return state


def give_up_order_payments(order):
    """The shop cancels an order: every payment that could still be charged, or that holds money, is
    given up at the provider first, so the shopper cannot pay a cancelled order and held money goes back.

    Call it before the order's status moves. An order whose money was taken is not cancelled here:
    raises MoneyAlreadyTaken (refund it instead); an unreachable provider raises
    PaymentServiceUnavailable. Either way nothing changes.
    """
    if order_pipeline.captured(order.number):
        raise MoneyAlreadyTaken(
            gettext_lazy(
                "The money for this order was taken: refund it on the Payment tab instead of cancelling, "
                "or cancelling would keep the shopper's money."
            )
        )
    for payment in order_pipeline.open_payments(order.number):
        cancel_payment(payment)


def capture_payment(order):
    """Take the money an order's authorised payment holds (at dispatch); returns the order, or None
    when it has no authorised payment.

    Call it before the order's status moves: a capture that fails raises, and the status stays.
    """
    payment = order_pipeline.authorised_payment(order.number)
    if payment is None:
        return None
    state = gateway_by_code(payment.gateway).capture(
        payment.reference, amount=payment.amount, idempotency_key=f"order-{order.number}-capture"
    )
    return _recorded(payment, state)


# --- refunds ------------------------------------------------------------------------------------------


def refund(order_number, amount, token, requested_by=""):
    """Refund part or all of a captured order once per form token; never more than was captured.

    Validated by reading, sent to the provider with the key `<order number>-refund-<token>`, and
    only then recorded under the locks. Returns (PaymentRefund, created): the same token twice
    refunds once. Raises RefundRefused, or PaymentServiceUnavailable with nothing refunded.
    """
    payment, existing = order_pipeline.check_refund(order_number, amount, token)
    if existing is not None:
        return existing, False  # the same form sent twice: the first refund is the only one
    provider_refund = gateway_by_code(payment.gateway).refund(
        payment.reference,
        amount=amount,
        currency=payment.currency,
        idempotency_key=f"{order_number}-refund-{token}",
    )
    return order_pipeline.record_refund(order_number, payment, amount, token, provider_refund, requested_by)


# --- webhooks -----------------------------------------------------------------------------------------


def apply_webhook(gateway_code, body, headers):
    """Verify a provider's webhook, store its event id once and bring the payment up to the provider.

    Returns (event_id, applied): applied is False for a repeated delivery or an event we ignore.
    Raises LookupError (gateway not configured), WebhookRejected (not genuine) or
    PaymentServiceUnavailable (the provider could not be asked; nothing was stored, so it delivers again).
    """
    gateway = gateway_by_code(gateway_code)
    event = gateway.parse_webhook(body, headers)
    if ProviderEvent.objects.filter(gateway=gateway.code, event_id=event.event_id).exists():
        logger.info("%s event %s was already applied", gateway.code, event.event_id)
        return event.event_id, False
    payment = CheckoutPayment.objects.filter(gateway=gateway.code, reference=event.payment_reference).first()
    state = None
    if payment is not None and event.kind in PAYMENT_KINDS:
        # Events can arrive in any order; the provider's state now is what the order should show.
        state = gateway.fetch_state(payment.reference)
    with transaction.atomic():
        try:
            with transaction.atomic():
                ProviderEvent.objects.create(
                    gateway=gateway.code,
                    event_id=event.event_id,
                    kind=event.kind or "ignored",
                    payment_reference=event.payment_reference,
                    payload=event.raw,
                )
        except IntegrityError:
            logger.info("%s event %s was already applied", gateway.code, event.event_id)
            return event.event_id, False
        if payment is None or not event.kind:
            return event.event_id, False
        if state is not None:
            _recorded(payment, state, event_reference=event.event_id)
        elif event.kind == "refunded":
            for refund_reference, amount in event.raw.get("refunds", []):
                order_pipeline.record_provider_refund(payment.order_number, refund_reference, Decimal(amount))
    return event.event_id, True


# --- reconciliation -----------------------------------------------------------------------------------


def open_payments():
    return CheckoutPayment.objects.filter(status__in=(REQUIRES_ACTION, FAILED, AUTHORISED)).order_by("pk")


def reconcile_payment(payment, now):
    """Read one payment at the provider and record it; cancel it if unpaid for too long. Never captures."""
    state, _order = sync_payment(payment)
    expired = payment.created_at < now - timedelta(minutes=settings.PAYMENTS_UNPAID_EXPIRY_MINUTES)
    if state.status in (REQUIRES_ACTION, FAILED) and expired:
        state = cancel_payment(payment)
    if state.status == CANCELLED and not Order.objects.filter(number=payment.order_number).exists():
        thaw_basket(payment.basket_id)
    return state.status


def thaw_basket(basket_id):
    """The order was never created (a crash between payment and order): the shopper gets the basket back."""
    if basket_id:
        Basket.objects.filter(pk=basket_id, status=Basket.FROZEN).update(status=Basket.OPEN)


def reconcile_payments(now=None):
    """Bring every open payment whose news never came up to date once; a provider outage leaves the
    rest for the next run. Returns how many payments ended in each state."""
    now = now or timezone.now()
    outcome = {}
    for payment in open_payments().filter(gateway__in=configured_codes()):
        try:
            status = reconcile_payment(payment, now)
        except PaymentServiceUnavailable as error:
            logger.warning("Reconciliation of %s postponed: %s", payment, error)
            status = "postponed"
        except LookupError:
            logger.exception("Reconciliation could not find %s at the provider", payment)
            status = "unknown"
        outcome[status] = outcome.get(status, 0) + 1
    return outcome
