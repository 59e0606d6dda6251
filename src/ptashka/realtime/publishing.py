"""Tells the WebSockets about order changes once they are committed; a failure here never breaks an order.

Publishing costs one channel-layer call per change and no queries: the message only says which
order changed and how, and each connected consumer reads the committed order itself. The order's
EventHandler (forked_apps/order/processing.py) calls order_changed and order_placed.
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .groups import NEW_ORDERS_GROUP, order_group
from .snapshots import new_order_summary

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


def order_placed(order):
    """Tell the shop managers' live new-orders feed, once the order commits."""
    try:
        publish_after_commit(NEW_ORDERS_GROUP, {"type": "order.placed", "order": new_order_summary(order)})
    except Exception:
        logger.exception("Live order tracking could not announce order %s", order.number)
