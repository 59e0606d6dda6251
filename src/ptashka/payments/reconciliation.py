"""Reconciliation: bring payments whose webhook never came up to date, and give up stale unpaid ones."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from oscar.core.loading import get_model

from . import gateway as states
from .gateway import PaymentServiceUnavailable
from .models import CheckoutPayment
from .order_pipeline import apply_payment_state
from .registry import configured_codes, gateway_by_code

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

logger = logging.getLogger(__name__)


def open_payments():
    return CheckoutPayment.objects.filter(
        status__in=(states.REQUIRES_ACTION, states.FAILED, states.AUTHORISED)
    ).order_by("pk")


def reconcile_payment(payment, now):
    """Ask the provider about one payment and apply what it says; cancel it if unpaid for too long."""
    gateway = gateway_by_code(payment.gateway)
    state = gateway.confirm(payment.reference)
    expired = payment.created_at < now - timedelta(minutes=settings.PAYMENTS_UNPAID_EXPIRY_MINUTES)
    if state.status in (states.REQUIRES_ACTION, states.FAILED) and expired:
        state = gateway.cancel(
            payment.reference, idempotency_key=f"order-{payment.order_number}-cancel-{payment.pk}"
        )
    apply_payment_state(payment.gateway, state)
    if state.status == states.CANCELLED and not Order.objects.filter(number=payment.order_number).exists():
        thaw_basket(payment.basket_id)
    return state.status


def thaw_basket(basket_id):
    """The order was never created (a crash between payment and order): the shopper gets the basket back."""
    if basket_id:
        Basket.objects.filter(pk=basket_id, status=Basket.FROZEN).update(status=Basket.OPEN)


def reconcile_payments(now=None):
    """Every open payment once; a provider outage leaves the rest for the next run."""
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
