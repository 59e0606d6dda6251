"""App config of the forked offer app; Oscar's get_class/get_model find our modules through it."""

import oscar.apps.offer.apps as apps


class OfferConfig(apps.OfferConfig):
    name = "forked_apps.offer"
