"""Placing an order: Oscar's OrderCreator, which hands the new order to the shop's EventHandler."""

from oscar.apps.order import utils
from oscar.core.loading import get_class

EventHandler = get_class("order.processing", "EventHandler")


class OrderCreator(utils.OrderCreator):
    """Every order (storefront, API, tests' factories) is placed here, so it is announced here once."""

    def place_order(self, *args, **kwargs):
        order = super().place_order(*args, **kwargs)
        EventHandler().handle_order_placed(order)
        return order
