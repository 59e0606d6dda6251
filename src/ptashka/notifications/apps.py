"""App config of notifications: listens to Oscar's order and stock signals."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ptashka.notifications"
    label = "ptashka_notifications"
    verbose_name = "Notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import alerts, orders

        orders.connect()
        alerts.connect()
