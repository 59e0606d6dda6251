"""App config of the payments bridges."""

from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "ptashka.payments"
    # Oscar already owns the "payment" label.
    label = "ptashka_payments"
    verbose_name = "Payment bridges"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from oscar.apps.order.signals import order_status_changed

        from . import checks  # noqa: F401  (registers the settings checks)
        from .order_pipeline import capture_on_dispatch

        order_status_changed.connect(capture_on_dispatch, dispatch_uid="ptashka-payments-capture-on-dispatch")
