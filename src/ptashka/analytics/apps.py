"""App config of analytics exports."""

from django.apps import AppConfig


class AnalyticsExportsConfig(AppConfig):
    name = "ptashka.analytics"
    # Oscar already owns the "analytics" label.
    label = "ptashka_analytics"
    verbose_name = "Analytics exports"
