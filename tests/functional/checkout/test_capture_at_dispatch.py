"""With PAYMENTS_CAPTURE=at_dispatch the order is authorised at checkout and captured when dispatched."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from ptashka.payments.models import CheckoutPayment

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_money_is_held_at_checkout_and_taken_at_dispatch(client, small_shop, to_preview, settings):
    settings.PAYMENTS_CAPTURE = "at_dispatch"
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    assert order.status == "Authorised"
    assert order.sources.get().amount_allocated == Decimal("57.50")
    assert order.sources.get().amount_debited == Decimal("0.00")

    # A shop manager moves the order on in the dashboard, which goes through the order's EventHandler.
    client.force_login(get_user_model().objects.create_superuser("manager", "manager@example.com", "pw"))
    for status in ("Being processed", "Dispatched"):
        client.post(
            reverse("dashboard:order-detail", args=[order.number]),
            {"order_action": "change_order_status", "new_status": status},
        )

    payment = CheckoutPayment.objects.get(order_number=order.number)
    assert payment.status == "succeeded"
    assert order.sources.get().amount_debited == Decimal("57.50")
    names = list(order.payment_events.order_by("pk").values_list("event_type__name", flat=True))
    assert names == ["Authorised", "Paid"]
    order.refresh_from_db()
    assert order.status == "Dispatched"


def test_automatic_capture_takes_the_money_at_checkout(client, small_shop, to_preview, settings):
    settings.PAYMENTS_CAPTURE = "automatic"
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"action": "place_order"})

    order = Order.objects.get()
    assert order.status == "Paid"
    assert order.sources.get().amount_debited == Decimal("57.50")
