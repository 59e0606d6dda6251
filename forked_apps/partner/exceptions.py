"""Stock exceptions: Oscar's, and the refusal to sell what is no longer there."""

from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.partner.exceptions import *  # noqa: F403


class NoLongerInStock(UnableToPlaceOrder):
    """Another shopper took the last units while this one was checking out."""
