"""A status change in the dashboard goes through the order's EventHandler, side effects and all."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from oscar.test.factories import create_basket, create_order, create_product

pytestmark = pytest.mark.django_db


def change_status(client, order, status):
    return client.post(
        reverse("dashboard:order-detail", args=[order.number]),
        {"order_action": "change_order_status", "new_status": status},
    )


def test_cancelling_an_order_in_the_dashboard_gives_its_stock_back_and_tells_the_customer(
    client, django_capture_on_commit_callbacks
):
    product = create_product(price="10.00", num_in_stock=5)
    basket = create_basket(empty=True)
    basket.add_product(product, 2)
    order = create_order(basket=basket, guest_email="guest@example.com", status="Pending")
    stockrecord = product.stockrecords.get()
    assert stockrecord.num_allocated == 2
    client.force_login(get_user_model().objects.create_superuser("manager", "manager@example.com", "pw"))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        change_status(client, order, "Cancelled")

    order.refresh_from_db()
    stockrecord.refresh_from_db()
    assert order.status == "Cancelled"
    assert stockrecord.num_allocated == 0
    assert order.lines.get().allocation_cancelled
    assert [message.to for message in mail.outbox] == [["guest@example.com"]]
    assert "is now: Cancelled" in mail.outbox[0].subject
