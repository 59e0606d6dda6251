"""System checks of the payment settings: no gateway, or one half configured, is reported before orders."""

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

from .gateway import Gateway
from .registry import configured_codes

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


def gateway_list_errors():
    """Entries of PAYMENT_GATEWAYS that are not gateways: a typo would otherwise fail every checkout."""
    errors, codes = [], {}
    for path in settings.PAYMENT_GATEWAYS:
        try:
            gateway_class = import_string(path)
        except ImportError as error:
            errors.append(
                checks.Error(
                    f"PAYMENT_GATEWAYS names {path!r}, which cannot be imported: {error}.",
                    hint="List gateway classes by their dotted path, such as "
                    "'ptashka.payments.stripe_gateway.StripeGateway'.",
                    id="ptashka_payments.E004",
                )
            )
            continue
        if not (isinstance(gateway_class, type) and issubclass(gateway_class, Gateway)):
            errors.append(
                checks.Error(
                    f"PAYMENT_GATEWAYS names {path!r}, which is not a payment gateway class.",
                    hint="Each entry is a subclass of ptashka.payments.gateway.Gateway.",
                    id="ptashka_payments.E004",
                )
            )
        elif gateway_class.code in codes:
            errors.append(
                checks.Error(
                    f"PAYMENT_GATEWAYS lists two gateways with the code {gateway_class.code!r}: "
                    f"{codes[gateway_class.code]!r} and {path!r}.",
                    hint="List each gateway once.",
                    id="ptashka_payments.E004",
                )
            )
        else:
            codes[gateway_class.code] = path
    return errors


def payment_setup_errors():
    """What stops checkout taking real money; the system check and /readyz report the same problems."""
    errors = gateway_list_errors()
    if errors:
        return errors  # which gateways are offered cannot be said until the list is right
    if not configured_codes():
        errors.append(
            checks.Error(
                "No payment gateway is offered, so checkout cannot take any order.",
                hint="Set STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET, or "
                "PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET. PAYMENTS_DUMMY_GATEWAY=true offers the "
                "test-only gateway instead, which takes no money.",
                id="ptashka_payments.E002",
            )
        )
    if settings.STRIPE_SECRET_KEY and not settings.STRIPE_WEBHOOK_SECRET:
        errors.append(
            checks.Error(
                "Stripe is offered but STRIPE_WEBHOOK_SECRET is not set: Stripe's webhooks cannot be "
                "verified, so every one is refused.",
                hint="Add an endpoint for https://<your shop>/payments/stripe/webhook/ in the Stripe "
                "dashboard and set STRIPE_WEBHOOK_SECRET to its signing secret (whsec_…).",
                id="ptashka_payments.E003",
            )
        )
    return errors


@checks.register(checks.Tags.compatibility)
def check_payment_gateways(app_configs, **kwargs):
    return payment_setup_errors()


@checks.register(checks.Tags.security, deploy=True)
def check_dummy_gateway_in_deployment(app_configs, **kwargs):
    if not settings.PAYMENTS_DUMMY_GATEWAY:
        return []
    return [
        checks.Warning(
            "PAYMENTS_DUMMY_GATEWAY is on: checkout offers the test-only Dummy gateway, which places "
            "Paid orders without taking any money.",
            hint="Unset PAYMENTS_DUMMY_GATEWAY on a shop that sells; keep it only on a demo or staging shop.",
            id="ptashka_payments.W003",
        )
    ]
