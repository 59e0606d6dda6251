"""A guest checks out while the Celery broker is down: the order is placed at once, the email waits."""

import socket
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from kombu import Producer
from oscar.core.loading import get_model

from ptashka.celery import app as celery_app
from ptashka.notifications.models import DeliveryStatus, OutgoingEmail
from ptashka.notifications.outbox import requeue_unsent
from tests.shop_fixtures import staff_who_handles_orders

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def nobody_listens_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def reset_connection_pools():
    # Celery keeps its broker connection pools for the URL it first used; a new URL needs new pools.
    celery_app._after_fork()


@pytest.fixture
def broker_down(settings, monkeypatch):
    """Tasks go to a real Redis broker URL where nothing listens; every publish is recorded."""
    conf = celery_app.conf
    saved = {name: conf[name] for name in ("task_always_eager", "broker_url", "broker_write_url")}
    conf.task_always_eager = False
    conf.broker_url = f"redis://127.0.0.1:{nobody_listens_port()}/0"
    conf.broker_write_url = None
    reset_connection_pools()
    publishes = []
    original_publish = Producer.publish

    def recording_publish(producer, body, *args, **kwargs):
        headers = kwargs.get("headers", {})
        publishes.append(
            {"task": (headers.get("task"), headers.get("argsrepr")), "retry": kwargs.get("retry")}
        )
        return original_publish(producer, body, *args, **kwargs)

    monkeypatch.setattr(Producer, "publish", recording_publish)
    try:
        yield publishes
    finally:
        conf.update(saved)
        reset_connection_pools()


def test_checkout_with_the_broker_down_places_the_order_and_leaves_the_email_for_requeue(
    client, small_shop, to_preview, broker_down, django_capture_on_commit_callbacks, capsys
):
    staff_who_handles_orders("manager@ptashka.localhost")
    to_preview(client, [small_shop.product])
    client.post(reverse("checkout:preview"), {"gateway": "dummy"})

    # when the guest places the order, the commit handing the emails to a broker that is not there
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    seconds = time.monotonic() - started

    # then the order is placed and the shopper sees the thank-you page
    assert placed.status_code == 302
    assert placed["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert client.get(reverse("checkout:thank-you")).status_code == 200
    # each task was offered to the broker once, with Celery's publish retries off
    assert broker_down, "nothing was handed to the broker"
    assert all(publish["retry"] is False for publish in broker_down)
    tasks = [publish["task"] for publish in broker_down]
    assert len(tasks) == len(set(tasks)), tasks
    # the confirmation, the payment-received email (Dummy pays at once) and the manager's new-order
    # email wait in the outbox, not lost, not sent
    to_guest = OutgoingEmail.objects.filter(recipient="guest@example.com")
    payment_received = to_guest.get(business_key=f"order-status:{order.number}:Paid")
    confirmation = to_guest.exclude(pk=payment_received.pk).get()
    to_manager = OutgoingEmail.objects.get(recipient="manager@ptashka.localhost")
    assert str(order.number) in confirmation.subject
    assert {confirmation.status, payment_received.status, to_manager.status} == {DeliveryStatus.PENDING}
    assert mail.outbox == []
    with capsys.disabled():
        print(f"\nplacing the order with the broker down took {seconds:.2f} s ({len(tasks)} hand-overs)")

    # and the beat job's requeue, while the broker is still down, neither raises nor loses them
    assert requeue_unsent(older_than=timedelta(0)) == 3
    assert OutgoingEmail.objects.filter(status=DeliveryStatus.PENDING).count() == 3
