"""System checks of the payment setup: no gateway, Stripe without its webhook secret, Dummy in deployment."""

import pytest
from django.core import checks

from ptashka.payments.checks import check_dummy_gateway_in_deployment, check_payment_gateways


def ids(problems):
    return [problem.id for problem in problems]


def no_provider_keys(settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_WEBHOOK_SECRET = ""
    settings.PAYPAL_CLIENT_ID = settings.PAYPAL_CLIENT_SECRET = ""


def test_a_shop_offering_no_gateway_at_all_is_an_error(settings):
    no_provider_keys(settings)
    settings.PAYMENTS_DUMMY_GATEWAY = False

    problems = check_payment_gateways(None)

    assert ids(problems) == ["ptashka_payments.E002"]
    assert problems[0].level == checks.ERROR
    assert "STRIPE_SECRET_KEY" in problems[0].hint


def test_the_dummy_gateway_turned_on_is_enough_for_the_embedded_default(settings):
    no_provider_keys(settings)
    settings.PAYMENTS_DUMMY_GATEWAY = True

    assert check_payment_gateways(None) == []


def test_stripe_without_its_webhook_secret_is_an_error(settings):
    no_provider_keys(settings)
    settings.STRIPE_SECRET_KEY = "sk_live_x"
    settings.PAYMENTS_DUMMY_GATEWAY = False

    assert ids(check_payment_gateways(None)) == ["ptashka_payments.E003"]


def test_stripe_with_its_webhook_secret_is_not_reported(settings):
    no_provider_keys(settings)
    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = "sk_live_x", "whsec_x"
    settings.PAYMENTS_DUMMY_GATEWAY = False

    assert check_payment_gateways(None) == []


def test_the_dummy_gateway_turned_on_is_a_warning_of_the_deployment_checklist_only(settings):
    settings.PAYMENTS_DUMMY_GATEWAY = True

    deploy = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    everyday = checks.run_checks(include_deployment_checks=False, tags=[checks.Tags.security])

    assert "ptashka_payments.W003" in ids(deploy)
    assert "ptashka_payments.W003" not in ids(everyday)
    assert check_dummy_gateway_in_deployment(None)[0].level == checks.WARNING


def test_the_dummy_gateway_off_is_not_warned_about(settings):
    settings.PAYMENTS_DUMMY_GATEWAY = False

    assert check_dummy_gateway_in_deployment(None) == []


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ("ptashka.payments.stripe_gateway.StripeGatway", "cannot be imported"),
        ("ptashka.payments.nowhere.Gateway", "cannot be imported"),
        ("ptashka.payments.gateway.PaymentState", "is not a payment gateway class"),
        ("ptashka.payments.dummy.DummyGateway", "two gateways with the code 'dummy'"),
    ],
)
def test_a_wrong_entry_in_the_gateway_list_is_an_error_naming_it(settings, entry, says):
    settings.PAYMENT_GATEWAYS = [*settings.PAYMENT_GATEWAYS, entry]

    problems = check_payment_gateways(None)

    assert ids(problems) == ["ptashka_payments.E004"]
    assert entry in problems[0].msg and says in problems[0].msg
