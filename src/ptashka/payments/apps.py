"""App config of the payments bridges."""

from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "ptashka.payments"
    # Oscar already owns the "payment" label.
    label = "ptashka_payments"
    verbose_name = "Payment bridges"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Capture at dispatch is no receiver: the order's EventHandler calls facade.capture_payment.
        from . import checks  # noqa: F401  (registers the settings checks)
