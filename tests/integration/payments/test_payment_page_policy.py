"""The payment pages' Content-Security-Policy: Stripe.js and Stripe's API on the card page only, PayPal
as the place-order form's destination only, each origin taken from the settings (localstripe, the fake)."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.integration.payments.test_paypal_checkout import place_paypal_order
from tests.integration.payments.test_stripe_checkout import place_stripe_order

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.localstripe
def test_card_page_allows_stripe_js_and_its_api_from_the_configured_stripe(
    client, small_shop, to_preview, stripe_settings
):
    place_stripe_order(client, small_shop, to_preview)

    page = client.get(reverse("checkout:pay"))

    assert page.status_code == 200
    policy = directives(page)
    stripe = origin(stripe_settings.STRIPE_JS_URL)
    assert stripe in policy["script-src"] and any(s.startswith("'nonce-") for s in policy["script-src"])
    assert origin(stripe_settings.STRIPE_API_BASE) in policy["connect-src"]
    assert {"https://js.stripe.com", "https://hooks.stripe.com"} <= set(policy["frame-src"])
    assert "'unsafe-inline'" not in policy["script-src"]
    # the card form's script is a file of ours now, not inline
    assert "Stripe(form.dataset" not in page.content.decode()
    assert "no-store" in page["Cache-Control"]


@pytest.mark.localstripe
def test_the_page_before_the_card_page_does_not_allow_stripe_js(
    client, small_shop, to_preview, stripe_settings
):
    preview = to_preview(client, small_shop.products)

    assert origin(stripe_settings.STRIPE_JS_URL) not in preview["Content-Security-Policy"]


def test_place_order_form_may_end_at_paypals_approval_page(client, small_shop, to_preview, paypal_settings):
    to_preview(client, small_shop.products)

    preview = client.post(reverse("checkout:preview"), {"gateway": "paypal"})

    assert preview.status_code == 200
    # browsers hold a form's redirects to form-action: placing the order ends at PayPal's approval page
    assert directives(preview)["form-action"] == ["'self'", origin(paypal_settings.PAYPAL_API_BASE)]
    assert "paypal" not in directives(preview)["script-src"]
    placed = place_paypal_order(client, small_shop, to_preview)
    assert placed.status_code == 302


def test_without_paypal_the_place_order_form_posts_to_the_shop_only(client, small_shop, to_preview):
    preview = to_preview(client, small_shop.products)

    assert directives(preview)["form-action"] == ["'self'"]
