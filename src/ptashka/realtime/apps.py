"""App config of live order tracking: connects the order signals that feed the WebSockets."""

from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    name = "ptashka.realtime"
    label = "ptashka_realtime"
    verbose_name = "Live order tracking"

    def ready(self):
        from . import publishing

        publishing.connect()
