"""App config of the forked basket app; Oscar's get_class/get_model find our modules through it."""

import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    name = "forked_apps.basket"
