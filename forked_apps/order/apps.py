"""App config of the forked order app; Oscar's get_class/get_model find our modules through it."""

import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = "forked_apps.order"
