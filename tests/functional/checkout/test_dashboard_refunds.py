"""A shop manager refunds a paid order from the dashboard's order page, never more than was captured."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from ptashka.payments.models import PaymentRefund

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order(client, small_shop, to_preview):
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    assert order.status == "Paid"
    return order


@pytest.fixture
def manager_client(client):
    manager = get_user_model().objects.create_superuser("manager", "manager@example.com", "pw")
    client.logout()
    client.force_login(manager)
    return client


def refund(client, order, token="tok-1", **data):
    return client.post(
        reverse("dashboard:order-refund", args=[order.number]), {"token": token, **data}, follow=True
    )


def test_the_order_page_offers_a_refund_of_what_was_captured(manager_client, paid_order):
    page = manager_client.get(reverse("dashboard:order-detail", args=[paid_order.number]))

    assert page.status_code == 200
    assert 'id="refund_form"' in page.content.decode()
    assert "57.50" in page.content.decode()


def test_a_partial_refund_reaches_the_provider_and_is_recorded(manager_client, paid_order):
    answer = refund(manager_client, paid_order, amount="10.00")

    assert "Refunded 10.00 EUR" in answer.content.decode()
    paid_order.refresh_from_db()
    assert paid_order.status == "Paid"  # partly refunded orders carry on
    assert paid_order.sources.get().amount_refunded == Decimal("10.00")
    events = list(paid_order.payment_events.order_by("pk").values_list("event_type__name", "amount"))
    assert events == [("Paid", Decimal("57.50")), ("Refunded", Decimal("10.00"))]
    assert PaymentRefund.objects.get().provider_reference.endswith(f"{paid_order.number}-refund-tok-1")


def test_refunding_chosen_lines_refunds_their_prices(manager_client, paid_order):
    line = paid_order.lines.get(title="Вишиванка")

    refund(manager_client, paid_order, lines=[str(line.pk)])

    assert paid_order.sources.get().amount_refunded == Decimal("40.50")


def test_refunding_everything_left_marks_the_order_refunded(manager_client, paid_order):
    refund(manager_client, paid_order, token="a", amount="7.50")
    refund(manager_client, paid_order, token="b")

    paid_order.refresh_from_db()
    assert paid_order.status == "Refunded"
    assert paid_order.sources.get().amount_refunded == Decimal("57.50")


def test_a_double_clicked_refund_refunds_once(manager_client, paid_order):
    refund(manager_client, paid_order, token="same", amount="20.00")
    second = refund(manager_client, paid_order, token="same", amount="20.00")

    assert "already made" in second.content.decode()
    assert paid_order.sources.get().amount_refunded == Decimal("20.00")
    assert PaymentRefund.objects.count() == 1
    assert paid_order.payment_events.filter(event_type__name="Refunded").count() == 1


# Before: "NaN" reached the comparisons with the captured amount as Decimal('NaN'): a 500.
@pytest.mark.parametrize(
    "amount", ["57.51", "0", "-5", "lots", "NaN", "sNaN", "Infinity", "-Infinity", "1e999"]
)
def test_a_refund_above_the_captured_amount_or_nonsense_is_refused_and_changes_nothing(
    manager_client, paid_order, amount
):
    answer = refund(manager_client, paid_order, amount=amount)

    assert answer.status_code == 200
    assert "alert-danger" in answer.content.decode() or "error" in answer.content.decode().lower()
    assert paid_order.sources.get().amount_refunded == Decimal("0.00")
    assert PaymentRefund.objects.count() == 0
    paid_order.refresh_from_db()
    assert paid_order.status == "Paid"


def test_a_refund_after_a_partial_one_cannot_exceed_what_is_left(manager_client, paid_order):
    refund(manager_client, paid_order, token="a", amount="50.00")

    answer = refund(manager_client, paid_order, token="b", amount="10.00")

    assert "At most 7.50 EUR is left to refund" in answer.content.decode()
    assert paid_order.sources.get().amount_refunded == Decimal("50.00")


def test_shoppers_cannot_refund(client, paid_order):
    answer = client.post(reverse("dashboard:order-refund", args=[paid_order.number]), {"token": "x"})

    assert answer.status_code == 302
    assert "/login/" in answer["Location"]
    assert PaymentRefund.objects.count() == 0
