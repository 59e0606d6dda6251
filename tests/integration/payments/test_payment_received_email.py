"""Every buyer hears that their payment arrived, whichever gateway took it (issue 11: card and PayPal
buyers never did, as the order confirmation goes out while the order is still Pending)."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from tests.fakes.localstripe_process import card_token
from tests.integration.payments.test_paypal_checkout import at_paypal, place_paypal_order
from tests.integration.payments.test_stripe_checkout import place_stripe_order

Order = get_model("order", "Order")
CommunicationEvent = get_model("order", "CommunicationEvent")

pytestmark = pytest.mark.django_db

BUYER = "guest@example.com"  # the guest of walk_to_preview


def payment_received_emails():
    return [message for message in mail.outbox if message.subject.startswith("Payment received")]


def assert_the_buyer_was_told_once(order):
    order.refresh_from_db()
    assert order.status == "Paid"
    received = payment_received_emails()
    assert [message.to for message in received] == [[BUYER]]
    assert str(order.number) in received[0].subject
    assert "57.50 EUR" in received[0].body
    assert CommunicationEvent.objects.filter(order=order, event_type__code="ORDER_PAID").count() == 1


def test_a_dummy_buyer_is_emailed_that_the_payment_was_received(
    client, small_shop, to_preview, django_capture_on_commit_callbacks
):
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"gateway": "dummy"})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("checkout:preview"), {"action": "place_order"})

    assert_the_buyer_was_told_once(Order.objects.get())


@pytest.mark.localstripe
def test_a_card_buyer_is_emailed_once_stripe_took_the_payment(
    client, small_shop, to_preview, stripe_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        place_stripe_order(client, small_shop, to_preview)
    assert payment_received_emails() == []  # Pending: only the order confirmation so far

    with django_capture_on_commit_callbacks(execute=True):
        paid = client.post(reverse("checkout:pay"), {"token": card_token(stripe_settings.STRIPE_API_BASE)})
        client.get(paid.json()["next"])

    assert_the_buyer_was_told_once(Order.objects.get())


def test_a_paypal_buyer_is_emailed_once_back_from_paypal(
    client, small_shop, to_preview, paypal_settings, paypal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        place_paypal_order(client, small_shop, to_preview)
        approval_url = client.get(reverse("checkout:pay"))["Location"]
    assert payment_received_emails() == []

    with django_capture_on_commit_callbacks(execute=True):
        back = at_paypal(approval_url, "approve")
        client.get(back)
        client.get(back)  # the return page reloaded: still one email

    assert_the_buyer_was_told_once(Order.objects.get())
