"""App config of the forked checkout app; Oscar's get_class/get_model find our modules through it."""

import oscar.apps.checkout.apps as apps


class CheckoutConfig(apps.CheckoutConfig):
    name = "forked_apps.checkout"
