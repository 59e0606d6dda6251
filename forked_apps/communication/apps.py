"""App config of the forked communication app; Oscar's get_class finds our Dispatcher through it."""

import oscar.apps.communication.apps as apps


class CommunicationConfig(apps.CommunicationConfig):
    name = "forked_apps.communication"
