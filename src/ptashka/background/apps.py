"""App config of the background-work package: connects the task outcome counters."""

from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "ptashka.background"
    label = "ptashka_background"
    verbose_name = "Background work"

    def ready(self):
        from . import metrics

        metrics.connect()
