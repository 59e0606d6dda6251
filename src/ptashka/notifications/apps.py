"""App config of notifications: listens to stock saves for product alerts.

Order emails and SMS are sent by the order's EventHandler (forked_apps/order/processing.py).
"""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ptashka.notifications"
    label = "ptashka_notifications"
    verbose_name = "Notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import alerts

        alerts.connect()
