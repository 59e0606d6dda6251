"""A guest pays with the test-only Dummy gateway in Chromium: the shop confirms it as the order is placed;
a Dummy payment still waiting shows the pay page's Dummy part, whose button pays it."""

from importlib import import_module

import pytest
from django.conf import settings
from oscar.core.loading import get_model
from oscar.core.prices import Price
from oscar.test.factories import create_order

from ptashka.payments import facade
from tests.browser.checkout_steps import add_to_basket, check_out_as_guest_and_place_order, products_in_stock

Order = get_model("order", "Order")

pytestmark = pytest.mark.browser


def text_of(page):
    return " ".join(page.locator("body").inner_text().split())


def wait_in_this_session(page, order):
    """Make `order`, with a started Dummy payment, the one the browser's session just placed."""
    total = Price(order.currency, order.total_excl_tax, incl_tax=order.total_incl_tax)
    facade.start_payment(facade.gateway_for("dummy"), order_number=order.number, total=total, basket_id=None)
    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])
    session["checkout_order_id"] = order.pk
    session.save()


def test_guest_pays_with_the_dummy_gateway_and_a_waiting_dummy_payment_is_paid_from_its_button(
    committed_demo_shop, live_server, chromium_page
):
    page = chromium_page
    add_to_basket(page, live_server, products_in_stock(1))

    # the Dummy payment is confirmed by the shop as the order is placed: straight to the thank-you page
    check_out_as_guest_and_place_order(page, live_server, "dummy-guest@example.com", gateway="dummy")
    page.wait_for_url("**/checkout/thank-you/")
    order = Order.objects.get()
    assert order.status == "Paid"
    assert "by Test payment" in text_of(page)

    # a Dummy payment left waiting shows the Dummy part of the pay page, labelled test-only
    waiting = create_order(status=facade.PENDING)
    wait_in_this_session(page, waiting)
    page.goto(live_server.url + "/checkout/pay/")
    assert page.locator("#payment[data-gateway=dummy] #dummy-payment").is_visible()
    assert "TEST ONLY" in text_of(page)
    assert page.locator("#card-form, #paypal-approval").count() == 0

    # and its button pays it
    page.click("#dummy-complete-link")
    page.wait_for_url("**/checkout/thank-you/")
    waiting.refresh_from_db()
    assert waiting.status == "Paid"
