"""The Content-Security-Policy in Chromium: our pages raise no violation, injected script never runs."""

import logging
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from oscar.core.loading import get_model

from tests.browser.checkout_steps import check_out_as_guest_and_place_order

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.browser

# Registered before any page script runs (Playwright injects it outside the page's CSP).
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        {directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample}
    );
});
"""

# What an attacker's markup would try once on the page: an inline handler and a script element.
INJECT_SCRIPT = """() => {
    const holder = document.createElement("div");
    holder.innerHTML = '<img src="data:," onload="window.__injected = 1" onerror="window.__injected = 1">';
    document.body.appendChild(holder);
    const script = document.createElement("script");
    script.textContent = "window.__injected = 2";
    document.body.appendChild(script);
}"""

REPORT_WAIT_SECONDS = 10


@pytest.fixture
def watched_page(chromium_page):
    chromium_page.add_init_script(COLLECT_VIOLATIONS)
    return chromium_page


def violations(page):
    return page.evaluate("() => window.__cspViolations")


def sign_in(page, server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": server.url}])


def in_stock_product():
    for product in Product.objects.browsable().filter(structure="standalone").order_by("pk"):
        stock = product.stockrecords.first()
        if stock and stock.net_stock_level > 1:
            return product
    raise LookupError("the demo shop has no product in stock")


def open_and_settle(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return violations(page)


def test_storefront_pages_raise_no_violation(committed_demo_shop, live_server, watched_page):
    product = in_stock_product()
    page = watched_page

    seen = {}
    seen["home"] = open_and_settle(page, live_server.url + "/")
    seen["product"] = open_and_settle(page, live_server.url + product.get_absolute_url())
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    seen["basket"] = open_and_settle(page, live_server.url + "/basket/")
    seen["catalogue"] = open_and_settle(page, live_server.url + "/catalogue/")
    seen["login"] = open_and_settle(page, live_server.url + "/accounts/login/")

    assert seen == {name: [] for name in seen}


def test_dashboard_and_wagtail_admin_raise_no_violation_for_staff(
    committed_demo_shop, live_server, watched_page
):
    page = watched_page
    sign_in(page, live_server, get_user_model().objects.get(username="admin"))

    from cms.home import HomePage

    home = HomePage.objects.live().get()
    paths = [
        "/dashboard/",
        "/dashboard/orders/",
        "/dashboard/catalogue/",
        "/cms/",
        "/cms/pages/",
        f"/cms/pages/{home.pk}/edit/",
        "/django-admin/",
        "/api/docs/",
    ]

    seen = {path: open_and_settle(page, live_server.url + path) for path in paths}

    assert seen == {path: [] for path in seen}


def place_order_and_open_the_card_page(page, server):
    """A guest buys one product and is sent to /checkout/pay/ with Stripe.js (localstripe's) on it."""
    page.goto(server.url + in_stock_product().get_absolute_url())
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state()
    check_out_as_guest_and_place_order(page, server, "csp-guest@example.com")
    page.wait_for_url("**/checkout/pay/")
    page.locator("#card-element input").first.wait_for()
    page.wait_for_load_state("networkidle")


@pytest.mark.localstripe
def test_card_page_runs_stripe_js_without_violation_and_blocks_injected_script(
    committed_demo_shop,
    live_server,
    watched_page,
    stripe_settings,  # noqa: F811  the fixture imported above
    caplog,
):
    page = watched_page
    place_order_and_open_the_card_page(page, live_server)

    # Stripe.js loaded, mounted the card field, and nothing was refused
    assert page.locator("#card-element input").count() >= 1
    assert violations(page) == []

    # markup injected into the page cannot run script
    with caplog.at_level(logging.WARNING, logger="ptashka.security.reports"):
        page.evaluate(INJECT_SCRIPT)
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__injected") is None
        refused = {violation["directive"] for violation in violations(page)}
        assert {"script-src-elem", "script-src-attr"} <= refused

        # and the browser reported it to /csp-report/, which logged it
        deadline = time.monotonic() + REPORT_WAIT_SECONDS
        while time.monotonic() < deadline and "CSP violation: script-src-elem" not in caplog.text:
            time.sleep(0.2)
    assert "CSP violation: script-src-elem blocked inline" in caplog.text
