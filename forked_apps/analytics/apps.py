"""App config of the forked analytics app; its ready() connects this fork's receivers, not Oscar's."""

import oscar.apps.analytics.apps as apps


class AnalyticsConfig(apps.AnalyticsConfig):
    name = "forked_apps.analytics"

    def ready(self):
        # Oscar's ready() imports oscar.apps.analytics.receivers (relative to its own module), whose
        # counters fail under concurrent requests; this fork's receivers replace them.
        from . import receivers  # noqa: F401
