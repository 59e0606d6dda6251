"""Applying verified provider webhooks: each event once, and always to the provider's current state."""

import logging
from decimal import Decimal

from django.db import IntegrityError, transaction

from . import gateway as states
from .models import CheckoutPayment, ProviderEvent
from .order_pipeline import apply_payment_state, record_provider_refund

logger = logging.getLogger(__name__)

# REQUIRES_ACTION is PayPal's "approved by the buyer": confirming the payment then captures it.
PAYMENT_KINDS = {states.REQUIRES_ACTION, states.AUTHORISED, states.SUCCEEDED, states.FAILED, states.CANCELLED}


def apply_webhook_event(gateway, event):
    """Store the event id and apply it; a repeated delivery finds its id and changes nothing.

    Returns True when the event changed something we track, False for a repeat or an event we ignore.
    """
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
            return False
        payment = CheckoutPayment.objects.filter(
            gateway=gateway.code, reference=event.payment_reference
        ).first()
        if payment is None or not event.kind:
            return False
        if event.kind in PAYMENT_KINDS:
            # Events can arrive in any order; the provider's state now is what the order should show.
            apply_payment_state(
                gateway.code, gateway.confirm(payment.reference), event_reference=event.event_id
            )
        elif event.kind == "refunded":
            for refund_reference, amount in event.raw.get("refunds", []):
                record_provider_refund(payment.order_number, refund_reference, Decimal(amount))
        return True
