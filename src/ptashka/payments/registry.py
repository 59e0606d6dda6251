"""Which gateways this shop offers: the classes PAYMENT_GATEWAYS names that say they are configured."""

from django.conf import settings
from django.utils.module_loading import import_string


def gateway_classes():
    """Every gateway class the shop knows, by code, in the order PAYMENT_GATEWAYS lists them."""
    classes = (import_string(path) for path in settings.PAYMENT_GATEWAYS)
    return {gateway_class.code: gateway_class for gateway_class in classes}


def configured_codes():
    return [code for code, gateway_class in gateway_classes().items() if gateway_class.is_configured()]


def gateway_label(code):
    """The name shoppers and shop managers see for a gateway ("Card (Stripe)", "PayPal")."""
    gateway_class = gateway_classes().get(code)
    return str(gateway_class.label) if gateway_class else code


def gateway_by_code(code):
    gateway_class = gateway_classes().get(code)
    if gateway_class is None or not gateway_class.is_configured():
        raise LookupError(f"payment gateway {code!r} is not configured")
    return gateway_class()


def gateways_for_currency(currency):
    """The configured gateways that can take this currency, in the order the shopper sees them."""
    gateways = [gateway_by_code(code) for code in configured_codes()]
    return [gateway for gateway in gateways if gateway.supports(currency)]


def gateways_for_basket(basket):
    """The gateways offered for a basket: those taking its currency (the shop's, for none or an empty one)."""
    currency = getattr(basket, "currency", None) or settings.OSCAR_DEFAULT_CURRENCY
    return gateways_for_currency(currency)
