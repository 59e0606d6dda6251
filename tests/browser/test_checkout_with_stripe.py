"""A guest buys two products in Chromium and pays by card on the Stripe.js page (localstripe's stand-in)."""

import time
import uuid

import pytest
import requests
from oscar.core.loading import get_model

from ptashka.payments.models import CheckoutPayment, ProviderEvent
from tests.browser.checkout_steps import check_out_as_guest_and_place_order

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

pytestmark = [pytest.mark.browser, pytest.mark.localstripe]

WEBHOOK_WAIT_SECONDS = 30


@pytest.fixture
def stripe_webhooks_to(live_server, stripe_settings):  # noqa: F811
    """localstripe sends its signed payment_intent.succeeded webhooks to the live shop."""
    register = f"{stripe_settings.STRIPE_API_BASE}/_config/webhooks/browser-{uuid.uuid4().hex}"
    requests.post(
        register,
        json={
            "url": f"{live_server.url}/payments/stripe/webhook/",
            "secret": stripe_settings.STRIPE_WEBHOOK_SECRET,
            "events": ["payment_intent.succeeded"],
        },
        timeout=5,
    ).raise_for_status()
    yield
    requests.post(register, json={"url": "http://127.0.0.1:9/", "secret": "gone"}, timeout=5)


def two_products_in_stock():
    found = []
    for product in Product.objects.browsable().filter(structure="standalone").order_by("pk"):
        stock = product.stockrecords.first()
        if stock and stock.net_stock_level > 1:
            found.append(product)
        if len(found) == 2:
            return found
    raise LookupError("the demo shop has too few products in stock")


@pytest.mark.usefixtures("stripe_webhooks_to")
def test_guest_pays_by_card_and_the_order_is_paid_after_the_webhook(
    committed_demo_shop, live_server, chromium_page
):
    page = chromium_page
    products = two_products_in_stock()

    # a guest adds two products from their pages
    for product in products:
        page.goto(live_server.url + product.get_absolute_url())
        page.locator("#add_to_basket_form button[type=submit]").click()
        page.wait_for_load_state()

    # checks out as a guest, gives an address, chooses shipping and card payment, and places the order
    check_out_as_guest_and_place_order(page, live_server, "browser-guest@example.com")

    # pays with a test card on the payment page; the number goes to (local) Stripe only
    page.wait_for_url("**/checkout/pay/")
    assert page.locator("#payment[data-gateway=stripe] #card-form").is_visible()
    assert page.locator("#paypal-approval, #dummy-payment").count() == 0
    page.fill("#card-element input[placeholder=number]", "4242424242424242")
    page.fill("#card-element input[placeholder=exp_month]", "12")
    page.fill("#card-element input[placeholder=exp_year]", "34")
    page.fill("#card-element input[placeholder=cvc]", "123")
    page.fill("#card-element input[placeholder=postal_code]", "01001")
    page.click("#pay-button")

    # lands on the thank-you page
    page.wait_for_url("**/checkout/thank-you/")
    order = Order.objects.get()
    assert order.number in page.locator("body").inner_text()
    assert order.lines.count() == 2

    # and Stripe's webhook arrives and is recorded; the order is Paid
    payment = CheckoutPayment.objects.get(order_number=order.number)
    webhook = ProviderEvent.objects.filter(kind="succeeded", payment_reference=payment.reference)
    deadline = time.monotonic() + WEBHOOK_WAIT_SECONDS
    while time.monotonic() < deadline and not webhook.exists():
        time.sleep(0.25)
    assert webhook.exists()
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.sources.get().amount_debited == order.total_incl_tax
