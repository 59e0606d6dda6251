"""A guest who checks out gets the order confirmation email, sent by a task after the order commits."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import create_product, create_stockrecord

from ptashka.notifications.models import DeliveryStatus, OutgoingEmail

Country = get_model("address", "Country")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_guest_checkout_queues_and_sends_the_order_confirmation(client, django_capture_on_commit_callbacks):
    Country.objects.create(
        iso_3166_1_a2="UA", name="Ukraine", printable_name="Ukraine", is_shipping_country=True
    )
    product = create_product(title="Писанка")
    create_stockrecord(product, price="12.00", num_in_stock=10)
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": "guest@example.com", "options": "anonymous"})
    client.post(
        reverse("checkout:shipping-address"),
        {
            "first_name": "Оксана",
            "last_name": "Коваль",
            "line1": "вул. Хрещатик, 1",
            "line4": "Київ",
            "postcode": "01001",
            "country": "UA",
        },
    )
    client.get(reverse("checkout:shipping-method"))  # the only method (free) is chosen for the shopper
    assert client.get(reverse("checkout:payment-details")).status_code in (200, 302)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("checkout:preview"), {"action": "place_order"})
        assert mail.outbox == []  # the request itself sends nothing
    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    queued = OutgoingEmail.objects.get(recipient="guest@example.com")
    assert queued.status == DeliveryStatus.PENDING

    for callback in callbacks:  # what the commit at the end of the request runs
        callback()

    confirmations = [message for message in mail.outbox if message.to == ["guest@example.com"]]
    assert len(confirmations) == 1
    assert str(order.number) in confirmations[0].subject
    assert "Писанка" in confirmations[0].body
