"""System checks of the payment settings: a gateway half configured is reported before it takes orders."""

from django.conf import settings
from django.core import checks

PAYPAL_ENVIRONMENTS = ("sandbox", "live")


@checks.register(checks.Tags.compatibility)
def check_paypal_settings(app_configs, **kwargs):
    problems = []
    if settings.PAYPAL_ENVIRONMENT not in PAYPAL_ENVIRONMENTS:
        problems.append(
            checks.Error(
                f"PAYPAL_ENVIRONMENT is {settings.PAYPAL_ENVIRONMENT!r}.",
                hint="Set it to 'sandbox' or 'live'.",
                id="ptashka_payments.E001",
            )
        )
    if bool(settings.PAYPAL_CLIENT_ID) != bool(settings.PAYPAL_CLIENT_SECRET):
        problems.append(
            checks.Warning(
                "Only one of PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET is set, so PayPal is not offered.",
                hint="Set both (or neither).",
                id="ptashka_payments.W001",
            )
        )
    if settings.PAYPAL_CLIENT_ID and settings.PAYPAL_CLIENT_SECRET and not settings.PAYPAL_WEBHOOK_ID:
        problems.append(
            checks.Warning(
                "PayPal is offered but PAYPAL_WEBHOOK_ID is not set: every PayPal webhook will be refused.",
                hint="Create a webhook for https://<your shop>/payments/paypal/webhook/ in the PayPal "
                "developer dashboard and set PAYPAL_WEBHOOK_ID to its id (reconciliation still works).",
                id="ptashka_payments.W002",
            )
        )
    return problems
