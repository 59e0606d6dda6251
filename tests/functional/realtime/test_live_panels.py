"""The pages that track orders live: the shopper's order page, the thank-you page and the dashboard."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import ShippingEventTypeFactory, UserFactory, create_order

Order = get_model("order", "Order")
ShippingEvent = get_model("order", "ShippingEvent")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")

pytestmark = pytest.mark.django_db

SCRIPT = "ptashka/js/live-orders.js"


@pytest.fixture
def signed_in(client, shopper):
    client.force_login(shopper)


def test_order_page_shows_the_live_status_panel_with_tracking(client, signed_in, shopper):
    order = create_order(user=shopper, status="Pending")
    order.set_status("Paid")
    ShippingEvent.objects.create(
        order=order, event_type=ShippingEventTypeFactory(name="Dispatched"), notes="NP-42"
    )

    page = client.get(f"/accounts/orders/{order.number}/")

    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-live-order="/ws/orders/{order.number}/"' in html
    assert '<p class="ptashka-live-order__status" data-order-status>Paid</p>' in html
    assert "NP-42" in html
    assert SCRIPT in html


def test_order_page_lists_the_refunds_made_on_the_order(client, signed_in, shopper):
    order = create_order(user=shopper, status="Paid")
    refunded, _ = PaymentEventType.objects.get_or_create(name="Refunded")
    PaymentEvent.objects.create(order=order, event_type=refunded, amount=Decimal("5.00"), reference="re_1")

    html = client.get(f"/accounts/orders/{order.number}/").content.decode()

    refunds = html[html.index("data-order-refunds") :]
    assert "hidden" not in refunds[: refunds.index(">")]
    assert "€5.00" in refunds[: refunds.index("</ul>")]


def test_order_page_query_count_does_not_grow_with_the_orders_history(
    client, signed_in, shopper, django_assert_max_num_queries
):
    short = create_order(user=shopper, status="Pending")
    long = create_order(user=shopper, status="Pending")
    for status in ("Paid", "Being processed", "Dispatched", "Complete"):
        long.set_status(status)

    with CaptureQueriesContext(connection) as short_page:
        client.get(f"/accounts/orders/{short.number}/")
    with django_assert_max_num_queries(len(short_page.captured_queries)):
        assert client.get(f"/accounts/orders/{long.number}/").status_code == 200


def test_thank_you_page_tracks_the_order_just_placed_by_a_guest(client):
    order = create_order(status="Pending", guest_email="guest@example.com")
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()

    page = client.get("/checkout/thank-you/")

    assert page.status_code == 200
    assert f'data-live-order="/ws/orders/{order.number}/"' in page.content.decode()
    assert SCRIPT in page.content.decode()


def test_guest_status_page_from_the_email_link_tracks_the_order(client):
    order = create_order(status="Paid", guest_email="guest@example.com")
    link = reverse(
        "customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()}
    )
    session = client.session
    session["anon_order_email"] = "guest@example.com"
    session.save()

    html = client.get(link).content.decode()

    assert f'data-live-order="/ws/orders/{order.number}/?hash=' in html
    assert '<p class="ptashka-live-order__status" data-order-status>Paid</p>' in html
    assert SCRIPT in html


def test_someone_elses_order_page_is_still_not_found(client, signed_in, shopper):
    order = create_order(user=UserFactory(), status="Pending")

    assert client.get(f"/accounts/orders/{order.number}/").status_code == 404


@pytest.mark.parametrize("path", ["/dashboard/", "/dashboard/orders/"])
def test_dashboard_pages_carry_the_new_orders_panel(client, path):
    manager = UserFactory(is_staff=True)
    manager.user_permissions.add(*Permission.objects.filter(content_type__app_label="order"))
    client.force_login(manager)

    page = client.get(path)

    assert page.status_code == 200
    assert 'data-new-orders="/ws/dashboard/orders/"' in page.content.decode()
    assert SCRIPT in page.content.decode()
