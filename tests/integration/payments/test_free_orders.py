"""An order with nothing to pay (a voucher covered it) is Paid through the order's EventHandler."""

import asyncio
from decimal import Decimal

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core import mail
from oscar.core.loading import get_model
from oscar.core.prices import Price
from oscar.test.factories import create_order

from ptashka.payments import facade
from ptashka.realtime.groups import order_group

OrderStatusChange = get_model("order", "OrderStatusChange")

pytestmark = pytest.mark.django_db


@pytest.fixture
def order_watcher(settings):
    """A channel in the order's live group, as the shopper's open order page is."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    layer = get_channel_layer()

    def watch(order):
        channel = async_to_sync(layer.new_channel)()
        async_to_sync(layer.group_add)(order_group(order.number), channel)

        async def next_message():
            return await asyncio.wait_for(layer.receive(channel), timeout=2)

        return async_to_sync(next_message)

    return watch


def test_a_free_order_is_paid_and_its_page_hears_of_it_without_a_payment_email(
    order_watcher, django_capture_on_commit_callbacks
):
    nothing = Price("EUR", excl_tax=Decimal("0.00"), tax=Decimal("0.00"))
    order = create_order(status="Pending", guest_email="guest@example.com", total=nothing)
    next_message = order_watcher(order)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        placed = facade.place_and_pay(None, lambda: order)

    placed.refresh_from_db()
    assert placed.status == facade.PAID
    assert OrderStatusChange.objects.filter(order=placed, old_status="Pending", new_status="Paid").exists()
    assert next_message() == {"type": "order.changed", "event": "status", "status": "Paid"}
    assert not [message for message in mail.outbox if message.subject.startswith("Payment received")]
