"""Which gateways checkout offers: configured ones that take the basket's currency; Dummy where allowed."""

import pytest

from ptashka.payments.registry import configured_codes, gateway_by_code, gateways_for_currency


def test_without_keys_only_the_test_only_dummy_is_offered_where_it_is_allowed(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.PAYMENTS_DUMMY_GATEWAY = True

    offered = gateways_for_currency("EUR")

    assert [gateway.code for gateway in offered] == ["dummy"]
    assert offered[0].test_only is True
    assert "no money moves" in offered[0].label


def test_without_keys_and_without_the_dummy_setting_nothing_is_offered(settings):
    # given a shop with no provider keys, as prod is before it is set up
    settings.STRIPE_SECRET_KEY = ""
    settings.PAYPAL_CLIENT_ID = settings.PAYPAL_CLIENT_SECRET = ""
    settings.PAYMENTS_DUMMY_GATEWAY = False

    # then no gateway is offered: never the free-order Dummy one by default
    assert configured_codes() == []
    assert gateways_for_currency("EUR") == []
    with pytest.raises(LookupError):
        gateway_by_code("dummy")


def test_with_stripe_keys_the_dummy_is_no_longer_offered(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.PAYMENTS_DUMMY_GATEWAY = False

    assert configured_codes() == ["stripe"]


def test_the_dummy_can_be_offered_next_to_stripe_on_purpose(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.PAYMENTS_DUMMY_GATEWAY = True

    assert configured_codes() == ["stripe", "dummy"]


def test_a_gateway_that_cannot_take_the_currency_is_not_offered(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.PAYMENTS_DUMMY_GATEWAY = False

    assert [gateway.code for gateway in gateways_for_currency("EUR")] == ["stripe"]
    assert gateways_for_currency("XTS") == []


def test_an_unconfigured_gateway_cannot_be_used(settings):
    settings.STRIPE_SECRET_KEY = ""

    with pytest.raises(LookupError):
        gateway_by_code("stripe")


def test_the_gateways_offered_are_the_classes_payment_gateways_lists_in_its_order(settings):
    # given keys for Stripe and the Dummy switched on
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.PAYMENTS_DUMMY_GATEWAY = True

    # when the setting lists the Dummy first, or leaves it out
    settings.PAYMENT_GATEWAYS = [
        "ptashka.payments.dummy.DummyGateway",
        "ptashka.payments.stripe_gateway.StripeGateway",
    ]
    dummy_first = configured_codes()
    settings.PAYMENT_GATEWAYS = ["ptashka.payments.stripe_gateway.StripeGateway"]

    # then the shop offers them in that order, and never one the setting does not list
    assert dummy_first == ["dummy", "stripe"]
    assert configured_codes() == ["stripe"]
    with pytest.raises(LookupError):
        gateway_by_code("dummy")
