"""Done when: the shopper's order page, open in Chromium, shows a status a shop manager just set,
without a reload. The page is served by a real uvicorn process; the change travels through Redis."""

import re
import threading

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from oscar.test.factories import UserFactory, create_order
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.redis]


def in_another_thread(work):
    """Runs ``work`` off this thread: Playwright's event loop owns it, and publishing needs a plain thread."""
    results = []

    def run():
        try:
            results.append(work())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    return results


def sign_in(page, server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": server.url}])


def as_the_manager(order_number, new_status):
    """The shop manager's dashboard form, posted from another thread: Playwright's loop owns this one."""

    def post():
        client = Client()
        client.force_login(get_user_model().objects.get(username="manager"))
        return client.post(
            f"/dashboard/orders/{order_number}/",
            {"order_action": "change_order_status", "new_status": new_status},
        ).status_code

    return in_another_thread(post)


def test_order_page_shows_the_status_the_manager_sets_without_a_reload(
    transactional_db,
    asgi_server,  # noqa: F811  the fixture imported above
    chromium_page,
):
    get_user_model().objects.create_superuser("manager", "manager@example.com", "pw")
    shopper = UserFactory(email="oksana@example.com")
    order = create_order(user=shopper, status="Pending")
    sign_in(chromium_page, asgi_server, shopper)

    # given the shopper's order page, its socket open
    chromium_page.goto(f"{asgi_server.url}/accounts/orders/{order.number}/")
    status = chromium_page.locator("[data-order-status]")
    assert status.inner_text() == "Pending"
    chromium_page.locator("[data-live-indicator]").wait_for(state="visible")
    chromium_page.evaluate("window.ptashkaNotReloaded = true")
    server_written = chromium_page.locator("[data-order-history] time").all_inner_texts()

    # when the shop manager marks the order paid in the dashboard
    assert as_the_manager(order.number, "Paid") == [302]

    # then the page shows it by itself
    # (expect polls from here: a wait_for_function string is eval'd in the page, which the CSP refuses)
    expect(status).to_have_text("Paid", timeout=5_000)
    assert chromium_page.evaluate("window.ptashkaNotReloaded") is True
    assert "Paid" in chromium_page.locator("[data-order-history]").inner_text()
    # The script rewrote the history: the steps the server wrote read the same, in one format.
    script_written = chromium_page.locator("[data-order-history] time").all_inner_texts()
    assert script_written[: len(server_written)] == server_written
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}", text) for text in script_written), (
        script_written
    )


def test_dashboard_order_list_shows_a_new_order_as_it_is_placed(
    transactional_db,
    asgi_server,  # noqa: F811  the fixture imported above
    chromium_page,
):
    manager = get_user_model().objects.create_superuser("manager", "manager@example.com", "pw")
    sign_in(chromium_page, asgi_server, manager)
    chromium_page.goto(f"{asgi_server.url}/dashboard/orders/")
    panel = chromium_page.locator("[data-new-orders]")
    panel.wait_for(state="visible")

    [order] = in_another_thread(lambda: create_order(status="Pending", guest_email="guest@example.com"))

    link = panel.locator(f"a[href='/dashboard/orders/{order.number}/']")
    link.wait_for(state="visible", timeout=5_000)
    assert "guest@example.com" in panel.inner_text()
