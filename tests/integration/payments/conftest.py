"""Fixtures of the payments integration tests: localstripe, fake PayPal, the small shop, the checkout walk."""

from tests.fakes.localstripe_process import _localstripe_marker, localstripe_url, stripe_settings  # noqa: F401
from tests.fakes.paypal_fixtures import paypal, paypal_fake, paypal_settings  # noqa: F401
from tests.functional.checkout.conftest import _fresh_dummy_provider, small_shop, to_preview  # noqa: F401
