"""Template tags that put live panels on pages: an order's status for its owner, new orders for staff."""

from datetime import datetime
from decimal import Decimal
from urllib.parse import quote, urlencode

from django import template

from ptashka.realtime.snapshots import order_snapshot

register = template.Library()

NEW_ORDERS_PATH = "/ws/dashboard/orders/"


def order_socket_path(number, verification_hash=""):
    path = f"/ws/orders/{quote(str(number), safe='')}/"
    # A guest's status page passes on the hash of its own URL: it is no more exposed than the page's.
    return f"{path}?{urlencode({'hash': verification_hash})}" if verification_hash else path


@register.inclusion_tag("ptashka/realtime/order_status.html")
def live_order_status(order, verification_hash=""):
    """The order's status, history and tracking now; static/ptashka/js/live-orders.js keeps it current."""
    snapshot = order_snapshot(order.pk)
    history = [{**step, "at": datetime.fromisoformat(step["at"])} for step in snapshot["history"]]
    refunds = [
        {"amount": Decimal(refund["amount"]), "at": datetime.fromisoformat(refund["at"])}
        for refund in snapshot["refunds"]
    ]
    return {
        "order": snapshot,
        "history": history,
        "refunds": refunds,
        "socket_path": order_socket_path(order.number, verification_hash),
    }


@register.inclusion_tag("ptashka/realtime/new_orders.html")
def new_orders_feed():
    return {"socket_path": NEW_ORDERS_PATH}
