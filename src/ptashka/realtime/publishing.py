"""Tells the WebSockets about order changes once they are committed; a failure here never breaks an order.

Publishing costs one channel-layer call per change and no queries: the message only says which
order changed and how, and each connected consumer reads the committed order itself.
"""

import asyncio
import functools
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.db.models.signals import post_save
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_model

from .groups import NEW_ORDERS_GROUP, order_group
from .snapshots import REFUNDED_EVENT, new_order_summary

OrderStatusChange = get_model("order", "OrderStatusChange")
ShippingEvent = get_model("order", "ShippingEvent")
PaymentEvent = get_model("order", "PaymentEvent")

logger = logging.getLogger(__name__)

# A channel layer that does not answer within this long is given up on (and logged). A healthy
# Redis answers in milliseconds; a down one must not hold the shopper's checkout response.
PUBLISH_TIMEOUT_SECONDS = 0.5


async def _send_within_deadline(layer, group, message):
    await asyncio.wait_for(layer.group_send(group, message), PUBLISH_TIMEOUT_SECONDS)


def send_to_group(group, message):
    """Send now; log and swallow any failure (no layer, Redis down, called from an event loop)."""
    try:
        layer = get_channel_layer()
        if layer is None:
            return
        async_to_sync(_send_within_deadline)(layer, group, message)
    except Exception:
        logger.exception("Could not publish %s to %s", message.get("type"), group)


def publish_after_commit(group, message):
    """Send once the surrounding transaction commits, so nobody is told of a change rolled back."""
    transaction.on_commit(lambda: send_to_group(group, message), robust=True)


def order_changed(number, event, **details):
    publish_after_commit(order_group(number), {"type": "order.changed", "event": event, **details})


def never_raises(receiver):
    """A signal receiver whose failure is logged instead of breaking the save that sent the signal."""

    @functools.wraps(receiver)
    def guarded(*args, **kwargs):
        try:
            receiver(*args, **kwargs)
        except Exception:
            logger.exception("Live order tracking could not handle %s", receiver.__name__)

    return guarded


# Oscar's Order.set_status sends order_status_changed before it records the change; the record's
# post_save comes after, so the history a consumer reads already holds the new status.
@never_raises
def on_status_recorded(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        order_changed(instance.order.number, "status", status=instance.new_status)


@never_raises
def on_shipping_event(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        order_changed(instance.order.number, "shipping")


@never_raises
def on_payment_event(sender, instance, created, raw=False, **kwargs):
    # Captures come with a status change already; a (partial) refund may come alone.
    if created and not raw and instance.event_type.name == REFUNDED_EVENT:
        order_changed(instance.order.number, "refund")


@never_raises
def on_order_placed(sender, order, **kwargs):
    publish_after_commit(NEW_ORDERS_GROUP, {"type": "order.placed", "order": new_order_summary(order)})


def connect():
    post_save.connect(on_status_recorded, sender=OrderStatusChange, dispatch_uid="ptashka.realtime.status")
    post_save.connect(on_shipping_event, sender=ShippingEvent, dispatch_uid="ptashka.realtime.shipping")
    post_save.connect(on_payment_event, sender=PaymentEvent, dispatch_uid="ptashka.realtime.payment")
    order_placed.connect(on_order_placed, dispatch_uid="ptashka.realtime.order_placed")
