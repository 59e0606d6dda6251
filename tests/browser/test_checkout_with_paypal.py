"""A guest pays with PayPal in Chromium: sent to (the fake) PayPal, gives up there, comes back to the pay
page's PayPal part, approves after all, and the order is paid."""

import pytest
from oscar.core.loading import get_model

from tests.browser.checkout_steps import add_to_basket, check_out_as_guest_and_place_order, products_in_stock

Order = get_model("order", "Order")

pytestmark = pytest.mark.browser


@pytest.fixture
def paypal_returns_to(live_server, paypal_settings):  # noqa: F811
    """PayPal sends the buyer back to the live shop (the return and cancel URLs follow SHOP_BASE_URL)."""
    paypal_settings.SHOP_BASE_URL = live_server.url
    return paypal_settings


def test_guest_gives_up_at_paypal_comes_back_and_pays_with_paypal(
    committed_demo_shop,
    live_server,
    chromium_page,
    paypal_returns_to,
    paypal,  # noqa: F811
):
    page = chromium_page
    add_to_basket(page, live_server, products_in_stock(1))

    # placing the order sends the guest on to PayPal's approval page for the shop's own total
    check_out_as_guest_and_place_order(page, live_server, "paypal-guest@example.com", gateway="paypal")
    page.wait_for_url(f"{paypal.base_url}/checkoutnow?token=*")
    order = Order.objects.get()
    assert order.status == "Pending"
    assert f"{order.total_incl_tax} EUR" in page.locator("body").inner_text()

    # the guest gives up at PayPal and is back on the pay page, told so, with nothing changed
    page.click("#cancel")
    page.wait_for_url("**/checkout/pay/cancelled/?token=*")
    assert page.locator("#payment[data-gateway=paypal] #paypal-approval").is_visible()
    assert "You cancelled the payment at PayPal" in page.locator("#cancelled-at-provider").inner_text()
    assert page.locator("#card-form").count() == 0
    order.refresh_from_db()
    assert order.status == "Pending" and order.payment_events.count() == 0

    # tries again from the PayPal part of the page, approves, and lands on the thank-you page
    page.click("#paypal-approve-link")
    page.wait_for_url(f"{paypal.base_url}/checkoutnow?token=*")
    page.click("#approve")
    page.wait_for_url("**/checkout/thank-you/")
    assert order.number in page.locator("body").inner_text()
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.sources.get().amount_debited == order.total_incl_tax
