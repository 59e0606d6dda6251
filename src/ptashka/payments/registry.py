"""Which gateways this shop offers: those whose keys are configured, and the test-only Dummy where allowed."""

from django.conf import settings
from django.utils.module_loading import import_string

GATEWAY_CLASSES = {
    "stripe": "ptashka.payments.stripe_gateway.StripeGateway",
    "paypal": "ptashka.payments.paypal_gateway.PayPalGateway",
    "dummy": "ptashka.payments.dummy.DummyGateway",
}


def configured_codes():
    codes = []
    if settings.STRIPE_SECRET_KEY:
        codes.append("stripe")
    if settings.PAYPAL_CLIENT_ID and settings.PAYPAL_CLIENT_SECRET:
        codes.append("paypal")
    # The Dummy gateway places Paid orders without taking money, so only a setting switches it on
    # (dev and test do; prod does not): a shop without keys offers nothing rather than free orders.
    if settings.PAYMENTS_DUMMY_GATEWAY:
        codes.append("dummy")
    return codes


def gateway_by_code(code):
    if code not in configured_codes():
        raise LookupError(f"payment gateway {code!r} is not configured")
    return import_string(GATEWAY_CLASSES[code])()


def gateways_for_currency(currency):
    """The configured gateways that can take this currency, in the order the shopper sees them."""
    gateways = [gateway_by_code(code) for code in configured_codes()]
    return [gateway for gateway in gateways if gateway.supports(currency)]


def gateways_for_basket(basket):
    """The gateways offered for a basket: those taking its currency (the shop's, for none or an empty one)."""
    currency = getattr(basket, "currency", None) or settings.OSCAR_DEFAULT_CURRENCY
    return gateways_for_currency(currency)
