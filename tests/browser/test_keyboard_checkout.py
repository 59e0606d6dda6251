"""A guest buys with the keyboard alone: Tab, Shift+Tab, Enter, Space, arrow keys and typing.

From a product page to the thank-you page through the Dummy gateway, without .click() or .fill():
every field is reached by tabbing, every choice made with Space or the arrow keys, every form sent
with Enter. At the points a keyboard user is most likely to lose their place the focused element
must show it (an outline or a box-shadow). Elements are found by their role and accessible name,
so the test follows the shop's markup as it changes.
"""

import re

import pytest
from oscar.core.loading import get_model

from tests.browser.checkout_steps import products_in_stock
from tests.browser.live_server_teardown import leave_quietly

Order = get_model("order", "Order")

pytestmark = pytest.mark.browser

GUEST_EMAIL = "keyboard-guest@example.com"
ADDRESS = [
    (r"first name", "Оксана"),
    (r"last name", "Коваль"),
    (r"street|address line 1|line 1|first line", "вул. Хрещатик, 1"),
    (r"city|town", "Київ"),
    (r"post ?code|zip", "01001"),
]

# The focused element, described for the assertion messages and the focus-visible check.
DESCRIBE_FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const label = el.getAttribute("aria-label") || (el.labels && el.labels[0] && el.labels[0].innerText)
        || el.innerText || el.value || "";
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        type: el.type || "",
        name: label.trim().replace(/\\s+/g, " ").slice(0, 80),
        outlineStyle: style.outlineStyle,
        outlineWidth: style.outlineWidth,
        boxShadow: style.boxShadow,
    };
}"""


def focused(page):
    return page.evaluate(DESCRIBE_FOCUS)


def is_focused(locator):
    """Whether one of the elements the locator matches has the focus."""
    return locator.evaluate_all("(els) => els.includes(document.activeElement)")


def tab_to(page, target, max_tabs=60, backwards=False):
    """Press Tab (Shift+Tab when backwards) until the focus is on `target`, then return it.

    `target` is a Playwright locator (by role and name) or a predicate called with the focused
    element's description (tag, id, type, name). Fails after `max_tabs` presses, naming where the
    focus went, so a page whose order skips the control says so.
    """
    key = "Shift+Tab" if backwards else "Tab"
    visited = []
    for _ in range(max_tabs):
        page.keyboard.press(key)
        now = focused(page)
        hit = is_focused(target) if not callable(target) else (now is not None and target(now))
        if hit:
            return now
        if now is not None:
            visited.append(f"{now['tag']}#{now['id']}:{now['name'][:30]!r}")
    raise AssertionError(
        f"{max_tabs} presses of {key} on {page.url} never reached {target}; the focus went to: "
        + ", ".join(visited[-25:])
    )


def assert_focus_visible(page, where):
    now = focused(page)
    assert now is not None, f"{where}: nothing has the focus"
    outline = now["outlineStyle"] != "none" and now["outlineWidth"] not in ("0px", "")
    shadow = now["boxShadow"] not in ("none", "")
    assert outline or shadow, (
        f"{where}: the focused {now['tag']} {now['name']!r} shows no focus ring"
        f" (outline {now['outlineStyle']} {now['outlineWidth']}, box-shadow {now['boxShadow']})"
    )


def press_and_wait(page, key="Enter"):
    with page.expect_navigation():
        page.keyboard.press(key)


def main(page):
    landmark = page.get_by_role("main")
    return landmark.first if landmark.count() else page.locator("body")


def field(page, label):
    return main(page).get_by_label(re.compile(label, re.I))


def button(page, name):
    return main(page).get_by_role("button", name=re.compile(name, re.I))


def type_into(page, label, text):
    """Tab to the field labelled `label` and type `text`; the field must then hold it."""
    target = field(page, label)
    tab_to(page, target)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    assert target.first.input_value() == text, f"typing into {label!r} on {page.url} did not fill it"


def choose_radio(page, radio, max_arrows=10):
    """Tab into the radio group, then arrow to `radio` and select it with Space."""
    group_name = radio.first.get_attribute("name")
    tab_to(page, main(page).locator(f"input[type=radio][name='{group_name}']"))
    for _ in range(max_arrows):
        if is_focused(radio):
            break
        page.keyboard.press("ArrowDown")
    else:
        raise AssertionError(f"the arrow keys never reached {radio} on {page.url}")
    assert_focus_visible(page, f"the radio button {radio}")
    page.keyboard.press("Space")
    assert radio.first.is_checked(), f"Space did not select {radio} on {page.url}"


@pytest.fixture
def page(chromium_page):
    chromium_page.set_default_timeout(5_000)
    yield chromium_page
    leave_quietly(chromium_page)


def test_a_guest_checks_out_with_the_keyboard_alone(committed_demo_shop, live_server, page):
    product = products_in_stock(1)[0]
    page.goto(live_server.url + product.get_absolute_url())

    # the product page: Tab to "Add to basket", with a visible focus ring, and press Enter
    tab_to(page, button(page, "add to basket|add to cart"), max_tabs=120)
    assert_focus_visible(page, "the product page's add-to-basket button")
    # Shift+Tab goes back past it, Tab returns to it
    page.keyboard.press("Shift+Tab")
    assert not is_focused(button(page, "add to basket|add to cart")), "Shift+Tab did not move the focus back"
    tab_to(page, button(page, "add to basket|add to cart"), max_tabs=3)
    press_and_wait(page)
    page.goto(live_server.url + "/basket/")
    assert product.title in main(page).inner_text(), "the basket does not show the product added"

    # the basket: Tab to the checkout link
    checkout = (
        main(page).get_by_role("link", name=re.compile(r"check ?out", re.I)).or_(button(page, r"check ?out"))
    )
    tab_to(page, checkout, max_tabs=120)
    assert_focus_visible(page, "the basket's checkout link")
    press_and_wait(page)

    # the gateway: an email, "as a guest", Continue
    type_into(page, "email", GUEST_EMAIL)
    guest = main(page).get_by_role("radio", name=re.compile("guest", re.I))
    if guest.count() and not guest.first.is_checked():
        choose_radio(page, guest)
    tab_to(page, button(page, "continue"))
    press_and_wait(page)
    assert "/checkout/shipping-address/" in page.url, f"continuing as a guest led to {page.url}"

    # the address, field by field; the country is a select changed by typing, like a keyboard user does
    for label, value in ADDRESS:
        type_into(page, label, value)
    country = field(page, "country")
    if country.count() and country.first.evaluate("el => el.tagName") == "SELECT":
        try:
            tab_to(page, country, max_tabs=15)
        except AssertionError:  # the country comes before the postcode
            tab_to(page, country, max_tabs=30, backwards=True)
        page.keyboard.type("Ukr")
        assert country.first.input_value() == "UA", "typing 'Ukr' on the country list did not choose Ukraine"
    tab_to(page, button(page, "continue"))
    assert_focus_visible(page, "the address form's Continue button")
    press_and_wait(page)

    # the delivery: the first method, chosen with the keyboard
    if "/checkout/shipping-method/" in page.url:
        radios = main(page).get_by_role("radio")
        if radios.count():
            choose_radio(page, radios.first)
            tab_to(page, button(page, "continue|select|deliver"))
        else:
            tab_to(page, main(page).get_by_role("button").first)
        press_and_wait(page)
    assert "/checkout/payment-details/" in page.url, f"after the delivery step the browser is at {page.url}"

    # the payment: the Dummy gateway, then Continue to the preview
    dummy = main(page).get_by_role("radio", name=re.compile("test|dummy", re.I))
    if not dummy.first.is_checked():
        choose_radio(page, dummy)
    tab_to(page, button(page, "continue|review|preview"))
    press_and_wait(page)
    assert "/checkout/preview/" in page.url, f"after the payment step the browser is at {page.url}"

    # the preview: Place order, with Space this time
    tab_to(page, button(page, "place order"), max_tabs=120)
    assert_focus_visible(page, "the preview's Place order button")
    press_and_wait(page, "Space")
    page.wait_for_url("**/checkout/thank-you/")

    order = Order.objects.get(guest_email=GUEST_EMAIL)
    assert order.status == "Paid"
    assert order.number in page.locator("body").inner_text()
