"""Paying at checkout, for the storefront and the API alike: start the payment, place the order, give up."""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.payment.exceptions import UnableToTakePayment

from .gateway import Gateway, PaymentDeclined, PaymentServiceUnavailable, PaymentState
from .models import CheckoutPayment
from .order_pipeline import PAID, apply_payment_state, capture_automatically
from .registry import gateway_by_code

logger = logging.getLogger(__name__)

UNAVAILABLE = gettext_lazy(
    "The payment service is unavailable right now — your basket is kept. Please try again in a few minutes."
)


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
            capture=capture_automatically(),
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
    """Place the order and settle what can be settled now, together or not at all.

    `place_order()` writes the order (reserving its stock) and returns it; whatever else it does
    joins the same transaction. With nothing to pay the order is Paid; a gateway that confirms on
    the server (Dummy) is confirmed now; otherwise the order waits, Pending, for the shopper. When
    the order cannot be placed (stock gone) the payment is given up and UnableToPlaceOrder raised.
    """
    try:
        with transaction.atomic():
            order = place_order()
            if payment is None:
                order.set_status(PAID)
            elif not payment.waits_for_shopper:
                payment.state = payment.gateway.confirm(payment.record.reference)
                apply_payment_state(payment.record.gateway, payment.state)
                order.refresh_from_db(fields=["status"])
            return order
    except UnableToPlaceOrder:
        give_up_payment(payment)
        raise


def give_up_payment(payment):
    """The order could not be placed: make sure its payment can never be charged."""
    if payment is None:
        return
    record = payment.record
    try:
        apply_payment_state(
            record.gateway,
            payment.gateway.cancel(
                record.reference, idempotency_key=f"order-{record.order_number}-cancel-{record.pk}"
            ),
        )
    except (PaymentServiceUnavailable, PaymentDeclined):
        # Left to reconciliation, which cancels unpaid payments once they are old enough.
        logger.warning("Could not cancel %s now; reconciliation will", record)


def confirm_with_token(record, token):
    """Confirm a payment with what the shopper's browser or app got from the provider (a card token).

    Returns the provider's state and the order brought up to it. A decline is recorded as far as
    the provider tells us now (else by its webhook or reconciliation) and raised as PaymentDeclined.
    """
    gateway = gateway_by_code(record.gateway)
    try:
        state = gateway.confirm(record.reference, payment_token=token)
    except PaymentDeclined:
        try:
            apply_payment_state(record.gateway, gateway.confirm(record.reference))
        except PaymentServiceUnavailable:
            pass  # the decline is recorded by its webhook or by reconciliation
        raise
    return state, apply_payment_state(record.gateway, state)
