"""System checks of the PayPal settings: a half-configured PayPal is reported before it takes orders."""

from ptashka.payments.checks import check_paypal_settings
from ptashka.payments.registry import configured_codes


def ids(settings):
    return [problem.id for problem in check_paypal_settings(None)]


def test_paypal_is_offered_when_its_client_id_and_secret_are_set(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.PAYMENTS_DUMMY_GATEWAY = False
    settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET = "client", "secret"

    assert configured_codes() == ["paypal"]


def test_without_paypal_settings_nothing_is_reported(settings):
    settings.PAYPAL_CLIENT_ID = settings.PAYPAL_CLIENT_SECRET = settings.PAYPAL_WEBHOOK_ID = ""
    settings.PAYPAL_ENVIRONMENT = "sandbox"

    assert ids(settings) == []


def test_paypal_without_a_webhook_id_is_warned_about(settings):
    settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET = "client", "secret"
    settings.PAYPAL_WEBHOOK_ID = ""

    assert ids(settings) == ["ptashka_payments.W002"]


def test_only_half_the_paypal_credentials_is_warned_about(settings):
    settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET = "client", ""

    assert ids(settings) == ["ptashka_payments.W001"]


def test_an_unknown_paypal_environment_is_an_error(settings):
    settings.PAYPAL_ENVIRONMENT = "production"

    assert ids(settings) == ["ptashka_payments.E001"]
