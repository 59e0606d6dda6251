"""A shop manager who cancels an order in the dashboard gives up its payment at the provider first:
the shopper can no longer pay it, money held for dispatch goes back, and money taken is refunded
instead of kept by a cancellation."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from ptashka.payments.models import CheckoutPayment
from ptashka.payments.stripe_gateway import StripeGateway
from tests.fakes.localstripe_process import card_token
from tests.integration.payments.test_stripe_checkout import place_stripe_order

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")

pytestmark = pytest.mark.django_db


def cancel_in_the_dashboard(order):
    manager = Client()
    manager.force_login(get_user_model().objects.create_superuser("manager", "manager@example.com", "pw"))
    return manager.post(
        reverse("dashboard:order-detail", args=[order.number]),
        {"order_action": "change_order_status", "new_status": "Cancelled"},
        follow=True,
    )


def test_held_money_goes_back_when_the_order_is_cancelled(client, small_shop, to_preview, settings):
    settings.PAYMENTS_CAPTURE = "at_dispatch"
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    assert order.status == "Authorised"

    cancel_in_the_dashboard(order)

    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert CheckoutPayment.objects.get(order_number=order.number).status == "cancelled"
    assert list(order.payment_events.values_list("event_type__name", flat=True).order_by("pk")) == [
        "Authorised",
        "Cancelled",
    ]
    assert OrderStatusChange.objects.filter(order=order, new_status="Cancelled").count() == 1
    assert all(line.allocation_cancelled for line in order.lines.all())


@pytest.mark.localstripe
def test_a_cancelled_order_cannot_be_paid_by_card_afterwards(client, small_shop, to_preview, stripe_settings):
    place_stripe_order(client, small_shop, to_preview)
    order = Order.objects.get()
    payment = CheckoutPayment.objects.get(order_number=order.number)

    cancel_in_the_dashboard(order)
    paid = client.post(reverse("checkout:pay"), {"token": card_token(stripe_settings.STRIPE_API_BASE)})

    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert StripeGateway().fetch_state(payment.reference).status == "cancelled"
    assert paid.status_code == 402
    assert paid.json()["error"] == "This order's payment was cancelled; it can no longer be paid."
    assert not order.payment_events.filter(event_type__name="Paid").exists()


def test_an_order_whose_money_was_taken_is_refunded_not_cancelled(client, small_shop, to_preview):
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    assert order.status == "Paid"

    page = cancel_in_the_dashboard(order)

    order.refresh_from_db()
    assert order.status == "Paid"
    assert CheckoutPayment.objects.get(order_number=order.number).status == "succeeded"
    assert "refund it on the Payment tab" in page.content.decode()
    assert not OrderStatusChange.objects.filter(order=order, new_status="Cancelled").exists()
