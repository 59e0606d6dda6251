"""Which gateways checkout offers: configured ones that take the basket's currency; Dummy without keys."""

import pytest

from ptashka.payments.registry import configured_codes, gateway_by_code, gateways_for_currency


def test_without_keys_only_the_test_only_dummy_is_offered(settings):
    settings.STRIPE_SECRET_KEY = ""

    offered = gateways_for_currency("EUR")

    assert [gateway.code for gateway in offered] == ["dummy"]
    assert offered[0].test_only is True
    assert "no money moves" in offered[0].label


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

    assert [gateway.code for gateway in gateways_for_currency("EUR")] == ["stripe"]
    assert gateways_for_currency("XTS") == []


def test_an_unconfigured_gateway_cannot_be_used(settings):
    settings.STRIPE_SECRET_KEY = ""

    with pytest.raises(LookupError):
        gateway_by_code("stripe")
