"""App config of the forked partner app; Oscar's get_class/get_model find our modules through it."""

import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    name = "forked_apps.partner"
