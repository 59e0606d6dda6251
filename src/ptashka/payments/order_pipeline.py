"""What provider payment states do to orders: status moves, Oscar payment events and sources, stock."""

import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from oscar.core.loading import get_model

from . import gateway as states
from .lock_objects import checkout_payments_for_update, order_for_update
from .models import CheckoutPayment

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
PaymentEventType = get_model("order", "PaymentEventType")
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


def gateway_label(code):
    """The name shoppers and shop managers see for a gateway ("Card (Stripe)", "PayPal")."""
    from django.utils.module_loading import import_string

    from .registry import GATEWAY_CLASSES

    return str(import_string(GATEWAY_CLASSES[code]).label) if code in GATEWAY_CLASSES else code


def source_for(order, payment):
    source_type, _ = SourceType.objects.get_or_create(
        code=payment.gateway, defaults={"name": gateway_label(payment.gateway)}
    )
    source, _ = Source.objects.get_or_create(
        order=order,
        source_type=source_type,
        reference=payment.reference,
        defaults={"currency": payment.currency},
    )
    return source


def record_event(order, kind, amount, reference):
    event_type, _ = PaymentEventType.objects.get_or_create(name=EVENT_NAMES[kind])
    return PaymentEvent.objects.create(order=order, event_type=event_type, amount=amount, reference=reference)


def move_status(order, new_status):
    """Move along the pipeline only where it allows: a late or repeated event never moves an order back."""
    if order.status == new_status or new_status not in order.available_statuses():
        return False
    order.set_status(new_status)
    return True


def release_stock(order):
    """Give back the stock a never-paid order reserved."""
    for line in order.lines.select_related("stockrecord").order_by("stockrecord_id"):
        if line.stockrecord and line.num_allocated and not line.allocation_cancelled:
            line.stockrecord.cancel_allocation(line.num_allocated)
            line.allocation_cancelled = True
            line.save(update_fields=["allocation_cancelled"])


@transaction.atomic
def apply_payment_state(gateway_code, state, event_reference=""):
    """Bring the payment and its order up to the provider's state; applying it twice changes nothing."""
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
    source = source_for(order, payment)
    if state.status == states.SUCCEEDED:
        amount = state.amount_captured or state.amount
        source.debit(amount, reference=reference)
        record_event(order, states.SUCCEEDED, amount, reference)
        move_status(order, PAID)
    elif state.status == states.AUTHORISED:
        source.allocate(state.amount, reference=reference)
        record_event(order, states.AUTHORISED, state.amount, reference)
        move_status(order, AUTHORISED)
    elif state.status == states.FAILED:
        record_event(order, states.FAILED, state.amount, reference)
    elif state.status == states.CANCELLED:
        record_event(order, states.CANCELLED, Decimal("0.00"), reference)
        if move_status(order, CANCELLED):
            release_stock(order)
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


@transaction.atomic
def refund_order(order_number, amount, token, requested_by=""):
    """Refund part or all of a captured order once per form token; never more than was captured."""
    from .models import PaymentRefund
    from .registry import gateway_by_code

    order = order_for_update(order_number).get()
    payment = checkout_payments_for_update(order_number).filter(status=states.SUCCEEDED).last()
    if payment is None:
        raise states.RefundRefused("This order has no captured payment to refund.")
    existing = PaymentRefund.objects.filter(token=token).first()
    if existing is not None:
        return existing, False  # the same form sent twice: the first refund is the only one
    left = refundable(order)
    if amount <= 0:
        raise states.RefundRefused("A refund must be more than zero.")
    if amount > left:
        raise states.RefundRefused(f"At most {left} {order.currency} is left to refund on this order.")
    gateway = gateway_by_code(payment.gateway)
    refund = gateway.refund(
        payment.reference,
        amount=amount,
        currency=order.currency,
        idempotency_key=f"{order.number}-refund-{token}",
    )
    recorded = PaymentRefund.objects.create(
        payment=payment,
        token=token,
        amount=amount,
        provider_reference=refund.reference,
        requested_by=requested_by,
    )
    source_for(order, payment).refund(amount, reference=refund.reference)
    record_event(order, "refunded", amount, refund.reference)
    if refundable(order) == 0:
        move_status(order, REFUNDED)
    return recorded, True


@transaction.atomic
def record_provider_refund(order_number, refund_reference, amount):
    """A refund the provider reports (made here or in its own dashboard), recorded once."""
    order = order_for_update(order_number).first()
    if order is None or PaymentEvent.objects.filter(order=order, reference=refund_reference).exists():
        return order
    payment = order_payment(order)
    if payment is None or amount > refundable(order):
        return order
    source_for(order, payment).refund(amount, reference=refund_reference)
    record_event(order, "refunded", amount, refund_reference)
    if refundable(order) == 0:
        move_status(order, REFUNDED)
    return order


def capture_on_dispatch(sender, order, old_status, new_status, **kwargs):
    """In authorise-at-order mode the money is taken when the order is dispatched, not before.

    A capture that fails stops the status change (the exception rolls the request back), so an order
    is never shown as dispatched with its money still only held.
    """
    from .registry import gateway_by_code

    if new_status != settings.ORDER_DISPATCHED_STATUS:
        return
    payment = CheckoutPayment.objects.filter(order_number=order.number, status=states.AUTHORISED).last()
    if payment is None:
        return
    gateway = gateway_by_code(payment.gateway)
    key = f"order-{order.number}-capture"
    state = gateway.capture(payment.reference, amount=payment.amount, idempotency_key=key)
    apply_payment_state(payment.gateway, state)
