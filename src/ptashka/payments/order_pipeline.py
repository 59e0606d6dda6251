"""What provider payment states do to orders, recorded under the row locks: the payments' recorder.

Pure database work: no provider calls (the facade makes them first, outside any lock) and no
gateway registry. Payment events, sources and status moves go through the order's EventHandler
(forked_apps/order/processing.py), which also says what a status reached sets off.
"""

import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from oscar.core.loading import get_class, get_model

from . import gateway as states
from .lock_objects import checkout_payments_for_update, order_for_update
from .models import CheckoutPayment, PaymentRefund

EventHandler = get_class("order.processing", "EventHandler")
Order = get_model("order", "Order")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
PaymentEvent = get_model("order", "PaymentEvent")

logger = logging.getLogger(__name__)

PENDING = "Pending"
AUTHORISED = "Authorised"
PAID = "Paid"
CANCELLED = "Cancelled"
REFUNDED = "Refunded"

# Payment event type names as Oscar records them against the order.
EVENT_NAMES = {
    states.AUTHORISED: "Authorised",
    states.SUCCEEDED: "Paid",
    states.FAILED: "Declined",
    states.CANCELLED: "Cancelled",
    "refunded": "Refunded",
}


# How far a payment has gone; a state never moves back to a lesser one. Captured and cancelled are final.
PROGRESS = {
    states.REQUIRES_ACTION: 0,
    states.FAILED: 1,
    states.AUTHORISED: 2,
    states.SUCCEEDED: 3,
    states.CANCELLED: 3,
}


def source_for(order, payment, gateway_label=""):
    """The order's Oscar payment source for this payment, typed by gateway code."""
    source_type, _ = SourceType.objects.get_or_create(
        code=payment.gateway, defaults={"name": gateway_label or payment.gateway}
    )
    source, _ = Source.objects.get_or_create(
        order=order,
        source_type=source_type,
        reference=payment.reference,
        defaults={"currency": payment.currency},
    )
    return source


def move_status(order, new_status):
    """Move along the pipeline only where it allows (an order paid with nothing to pay, say)."""
    return EventHandler().move_along_pipeline(order, new_status)


@transaction.atomic
def apply_payment_state(gateway_code, state, event_reference="", *, gateway_label=""):
    """Bring the payment and its order up to the provider's state; applying it twice changes nothing.

    `gateway_label` names the Oscar source type the first time a gateway is recorded
    ("Card (Stripe)"); the gateway's code stands in when it is not given.
    """
    payment = CheckoutPayment.objects.get(gateway=gateway_code, reference=state.reference)
    order = order_for_update(payment.order_number).first()
    payment = checkout_payments_for_update(payment.order_number).get(pk=payment.pk)
    reference = event_reference or state.reference
    if PROGRESS[state.status] <= PROGRESS[payment.status]:
        # Already applied, or arriving late (a "declined" after the capture): the further state stands.
        if payment.status == states.CANCELLED and state.status == states.SUCCEEDED:
            logger.error("Payment %s was captured after its order was cancelled: refund it", payment)
        return order
    payment.status = state.status
    payment.save(update_fields=["status", "updated_at"])
    if order is None:
        return None
    handler = EventHandler()
    source = source_for(order, payment, gateway_label)
    if state.status == states.SUCCEEDED:
        handler.record_capture(order, source, state.amount_captured or state.amount, reference)
    elif state.status == states.AUTHORISED:
        handler.record_authorisation(order, source, state.amount, reference)
    elif state.status == states.FAILED:
        handler.record_payment_event(order, EVENT_NAMES[states.FAILED], state.amount, reference)
    elif state.status == states.CANCELLED:
        handler.record_payment_event(order, EVENT_NAMES[states.CANCELLED], Decimal("0.00"), reference)
        handler.move_along_pipeline(order, CANCELLED)  # which gives the stock back
    return order


def capture_automatically():
    return settings.PAYMENTS_CAPTURE == "automatic"


def refundable(order):
    """What is left to refund on an order: captured minus already refunded, per its payment."""
    payment = order_payment(order)
    if payment is None:
        return Decimal("0.00")
    source = order.sources.filter(reference=payment.reference).first()
    return source.amount_available_for_refund if source else Decimal("0.00")


def order_payment(order):
    return CheckoutPayment.objects.filter(order_number=order.number).order_by("-pk").first()


def authorised_payment(order_number):
    """The payment whose money is held for the order (captured at dispatch), or None."""
    return (
        CheckoutPayment.objects.filter(order_number=order_number, status=states.AUTHORISED)
        .order_by("pk")
        .last()
    )


def open_payments(order_number):
    """The order's payments that could still be charged or hold money: unpaid, declined or authorised."""
    return CheckoutPayment.objects.filter(
        order_number=order_number, status__in=(states.REQUIRES_ACTION, states.FAILED, states.AUTHORISED)
    ).order_by("pk")


def captured(order_number):
    """True when money was taken for the order (whatever was refunded since)."""
    return CheckoutPayment.objects.filter(order_number=order_number, status=states.SUCCEEDED).exists()


def check_refund(order_number, amount, token):
    """Read-only: the captured payment to refund and the refund this token already made, if any.

    Raises RefundRefused for a refund that must not reach the provider (nothing captured, zero, or
    more than is left); the same token again returns its first refund instead of refusing.
    """
    order = Order.objects.get(number=order_number)
    payment = CheckoutPayment.objects.filter(order_number=order_number, status=states.SUCCEEDED).last()
    if payment is None:
        raise states.RefundRefused("This order has no captured payment to refund.")
    existing = PaymentRefund.objects.filter(token=token).first()
    if existing is not None:
        return payment, existing  # the same form sent twice: the first refund is the only one
    check_refund_amount(order, amount)
    return payment, None


def check_refund_amount(order, amount):
    left = refundable(order)
    if amount <= 0:
        raise states.RefundRefused("A refund must be more than zero.")
    if amount > left:
        raise states.RefundRefused(f"At most {left} {order.currency} is left to refund on this order.")


@transaction.atomic
def record_refund(order_number, payment, amount, token, provider_refund, requested_by=""):
    """Record a refund the provider made, once per form token; the order moves to Refunded when none is left.

    The amount is checked again under the locks: a refund recorded by a webhook meanwhile counts.
    """
    order = order_for_update(order_number).get()
    payment = checkout_payments_for_update(order_number).get(pk=payment.pk)
    existing = PaymentRefund.objects.filter(token=token).first()
    if existing is not None:
        return existing, False
    if PaymentEvent.objects.filter(order=order, reference=provider_refund.reference).exists():
        # Its webhook arrived first and recorded the money: only the dashboard's record is missing.
        recorded = _store_refund(payment, token, amount, provider_refund, requested_by)
        return recorded, True
    check_refund_amount(order, amount)
    recorded = _store_refund(payment, token, amount, provider_refund, requested_by)
    _record_refund_on_order(order, payment, amount, provider_refund.reference)
    return recorded, True


def _store_refund(payment, token, amount, provider_refund, requested_by):
    return PaymentRefund.objects.create(
        payment=payment,
        token=token,
        amount=amount,
        provider_reference=provider_refund.reference,
        requested_by=requested_by,
    )


def _record_refund_on_order(order, payment, amount, reference):
    EventHandler().record_refund(
        order, source_for(order, payment), amount, reference, fully_refunded=lambda: refundable(order) == 0
    )


@transaction.atomic
def record_provider_refund(order_number, refund_reference, amount):
    """A refund the provider reports (made here or in its own dashboard), recorded once."""
    order = order_for_update(order_number).first()
    if order is None or PaymentEvent.objects.filter(order=order, reference=refund_reference).exists():
        return order
    payment = order_payment(order)
    if payment is None or amount > refundable(order):
        return order
    _record_refund_on_order(order, payment, amount, refund_reference)
    return order
