"""Channel-layer group names: one group per order, one for the shop managers' new-orders feed."""

import hashlib
import re

NEW_ORDERS_GROUP = "dashboard.new-orders"

# Channels accepts ASCII letters, digits, "-", "_" and "." in group names (under 100 characters).
_SAFE_NUMBER = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def order_group(number):
    """The group of everyone watching order ``number``; odd numbers are hashed into a valid name."""
    number = str(number)
    if _SAFE_NUMBER.match(number):
        return f"order.{number}"
    return "order.h" + hashlib.sha256(number.encode()).hexdigest()[:40]
