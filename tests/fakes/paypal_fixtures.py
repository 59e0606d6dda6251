"""Fixtures that run the fake PayPal on a free loopback port and point the shop's settings at it."""

import pytest

from tests.fakes.paypal_server import FakePayPal, serve


@pytest.fixture(scope="session")
def paypal_fake():
    """One fake PayPal for the test run, in a thread of the test process; stopped when the run ends."""
    fake = FakePayPal()
    server = serve(fake)
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def paypal(paypal_fake):
    """The fake, emptied and answering (no order or outage left over from another test)."""
    paypal_fake.reset()
    yield paypal_fake
    paypal_fake.reset()


@pytest.fixture
def paypal_settings(settings, paypal):
    """Checkout through PayPal on the fake: PAYPAL_API_BASE is the one extra setting beside the keys
    (and, as in a shop that sells, no test-only Dummy gateway beside it)."""
    settings.PAYMENTS_DUMMY_GATEWAY = False
    settings.PAYPAL_CLIENT_ID = paypal.client_id
    settings.PAYPAL_CLIENT_SECRET = paypal.client_secret
    settings.PAYPAL_WEBHOOK_ID = paypal.webhook_id
    settings.PAYPAL_ENVIRONMENT = "sandbox"
    settings.PAYPAL_API_BASE = paypal.base_url
    settings.PAYMENTS_PROVIDER_RETRIES = 0
    return settings
