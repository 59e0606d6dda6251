"""App config of the forked catalogue app; Oscar's get_class/get_model find our modules through it."""

import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "forked_apps.catalogue"
