"""The basket and checkout pages in Chromium: the whole guest checkout works with JavaScript off, and
with it on the order summary folds on phones and the password shows only for "Sign in"."""

import pytest
from oscar.core.loading import get_model

from tests.browser.checkout_steps import add_to_basket, products_in_stock

Order = get_model("order", "Order")

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def in_main(page, selector):
    """The page's own forms, not the header's search box."""
    return page.locator(f"main {selector}").first


def check_out_as_guest(page, server, email):
    page.goto(server.url + "/checkout/")
    page.fill("#id_username", email)
    page.check("input[name=options][value=anonymous]")
    in_main(page, "form#login_form button[type=submit]").click()
    page.fill("#id_first_name", "Оксана")
    page.fill("#id_last_name", "Коваль")
    page.fill("#id_line1", "вул. Хрещатик, 1")
    page.fill("#id_line4", "Київ")
    page.fill("#id_postcode", "01001")
    if page.locator("select#id_country").count():
        page.select_option("#id_country", "UA")
    page.locator("form#new_shipping_address button[type=submit]").click()
    if "/checkout/shipping-method/" in page.url:
        in_main(page, "#shipping_method_form button[type=submit]").click()
    page.check("#gateway-dummy")
    page.click("#view_preview")
    page.click("#place-order")
    page.wait_for_url("**/checkout/thank-you/")


def test_a_guest_changes_the_basket_checks_out_and_sees_the_status_with_javascript_off(
    committed_demo_shop, live_server, chromium_page
):
    context = chromium_page.context.browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    first, second = products_in_stock(2)
    add_to_basket(page, live_server, [first, second])

    # the basket's Remove is a plain button: the line goes without any script
    page.goto(live_server.url + "/basket/")
    assert page.locator("main .basket-line").count() == 2
    in_main(page, "button[name='form-0-DELETE']").click()
    page.wait_for_load_state()
    assert page.locator("main .basket-line").count() == 1

    # and its quantity is changed by its Update button
    page.fill("#id_form-0-quantity", "2")
    in_main(page, "#basket_formset [data-basket-update]").click()
    page.wait_for_load_state()
    assert page.input_value("#id_form-0-quantity") == "2"

    # the email step's password field is there, under "Sign in", and ignored for a guest
    page.goto(live_server.url + "/checkout/")
    assert page.locator("#id_password").is_visible()
    check_out_as_guest(page, live_server, "no-script@example.com")

    assert "Thank you, Оксана!" in page.locator("h1").inner_text()
    order = Order.objects.get(guest_email="no-script@example.com")
    assert order.lines.get().quantity == 2

    # the session that placed it opens the status page straight away
    page.click("#order-status-link")
    page.wait_for_load_state()
    assert page.locator("[data-order-status]").count() == 1
    assert page.locator("input[name=email]").count() == 0
    context.close()


def test_the_summary_folds_on_phones_and_the_password_shows_only_for_sign_in(
    committed_demo_shop, live_server, chromium_page
):
    page = chromium_page
    add_to_basket(page, live_server, products_in_stock(1))

    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/checkout/")
    summary = page.locator("details[data-order-summary]")
    assert summary.evaluate("details => details.open") is False
    page.click("details[data-order-summary] summary")
    assert summary.evaluate("details => details.open") is True

    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/checkout/")
    assert page.locator("details[data-order-summary]").evaluate("details => details.open") is True
    assert page.locator("details[data-order-summary] .summary-line").count() == 1

    # the password appears with "Sign in" and goes with "Continue as a guest"
    assert page.locator("#id_password").is_hidden()
    page.check("input[name=options][value=existing]")
    assert page.locator("#id_password").is_visible()
    page.check("input[name=options][value=anonymous]")
    assert page.locator("#id_password").is_hidden()

    # a bad email: the error summary takes the focus and links to the field
    page.fill("#id_username", "not-an-email")
    in_main(page, "form#login_form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    page.click("[data-error-summary] a[href='#id_username']")
    assert page.evaluate("location.hash") == "#id_username"
