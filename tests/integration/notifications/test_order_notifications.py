"""Order notifications: shop managers hear of new orders, customers of status changes, SMS on dispatch."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
import requests
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import transaction
from oscar.core.loading import get_class, get_model
from oscar.test.factories import (
    ShippingAddressFactory,
    ShippingEventFactory,
    ShippingEventTypeFactory,
    UserFactory,
    create_order,
)

from ptashka.background.retry import PermanentDeliveryError, is_transient
from ptashka.notifications import tasks
from ptashka.notifications.models import DeliveryStatus, OutgoingSMS
from ptashka.notifications.sms import send_sms_through_provider

Order = get_model("order", "Order")
CommunicationEvent = get_model("order", "CommunicationEvent")
EventHandler = get_class("order.processing", "EventHandler")

pytestmark = pytest.mark.django_db

PIPELINE = {
    "Pending": ("Paid",),
    "Paid": ("Being processed", "Dispatched"),
    "Being processed": ("Dispatched",),
    "Dispatched": (),
}


@pytest.fixture
def order_pipeline(monkeypatch):
    monkeypatch.setattr(Order, "pipeline", PIPELINE)


@pytest.fixture
def twilio():
    """A local stand-in for Twilio's Messages endpoint, recording what it was sent."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers["Content-Length"])
            form = parse_qs(self.rfile.read(length).decode())
            received.append({"path": self.path, "form": form})
            # Twilio answers 400 (code 21211) for a number that cannot exist.
            refused = form["To"][0].startswith("+999")
            body = json.dumps({"code": 21211} if refused else {"sid": f"SM{len(received):032d}"}).encode()
            self.send_response(400 if refused else 201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", received
    finally:
        server.shutdown()
        server.server_close()


def test_new_order_emails_every_shop_manager_once(django_capture_on_commit_callbacks, settings):
    settings.SHOP_MANAGER_EMAILS = ["manager@ptashka.localhost", "owner@ptashka.localhost"]

    with django_capture_on_commit_callbacks(execute=True):
        order = create_order(user=UserFactory(email="buyer@example.com"))

    manager_mail = [message for message in mail.outbox if message.subject.startswith("New order")]
    assert sorted(message.to[0] for message in manager_mail) == settings.SHOP_MANAGER_EMAILS
    assert str(order.number) in manager_mail[0].body


def test_without_a_setting_those_who_handle_orders_get_the_new_order_email(
    django_capture_on_commit_callbacks,
):
    handles_orders = Permission.objects.get(content_type__app_label="order", codename="change_order")
    managers = Group.objects.create(name="Shop managers")
    managers.permissions.add(handles_orders)
    UserFactory(email="manager@ptashka.localhost", is_staff=True).groups.add(managers)
    UserFactory(email="former@ptashka.localhost", is_staff=True, is_active=False).groups.add(managers)
    UserFactory(email="merchandiser@ptashka.localhost", is_staff=True)  # staff, but not for orders
    UserFactory(email="owner@ptashka.localhost", is_staff=True, is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        create_order()

    recipients = [m.to[0] for m in mail.outbox if m.subject.startswith("New order")]
    assert sorted(recipients) == ["manager@ptashka.localhost", "owner@ptashka.localhost"]


def test_status_change_emails_the_customer_once_per_status(
    order_pipeline, django_capture_on_commit_callbacks
):
    order = create_order(user=UserFactory(email="buyer@example.com"), status="Paid")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        EventHandler().handle_order_status_change(order, "Being processed")
        # the broker may deliver the same task twice
        transaction.on_commit(lambda: tasks.notify_customer_of_status.delay(order.pk, "Being processed"))

    assert [message.to for message in mail.outbox] == [["buyer@example.com"]]
    assert "is now: Being processed" in mail.outbox[0].subject
    assert (
        CommunicationEvent.objects.filter(order=order, event_type__code="ORDER_STATUS_CHANGED").count() == 1
    )


def test_payment_arriving_emails_the_customer_that_it_was_received_once(
    order_pipeline, django_capture_on_commit_callbacks
):
    # The order confirmation went out at Pending; card and PayPal buyers pay after it (issue 11).
    order = create_order(user=UserFactory(email="buyer@example.com"), status="Pending")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        EventHandler().handle_order_status_change(order, "Paid")
        transaction.on_commit(lambda: tasks.notify_customer_of_status.delay(order.pk, "Paid"))

    assert [message.to for message in mail.outbox] == [["buyer@example.com"]]
    assert f"Payment received for your Ptashka order {order.number}" in mail.outbox[0].subject
    assert CommunicationEvent.objects.filter(order=order, event_type__code="ORDER_PAID").count() == 1


def test_authorised_sends_no_email_after_the_order_confirmation(
    order_pipeline, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(Order, "pipeline", {**PIPELINE, "Pending": ("Paid", "Authorised")})
    order = create_order(user=UserFactory(email="buyer@example.com"), status="Pending")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        EventHandler().handle_order_status_change(order, "Authorised")

    assert mail.outbox == []


def test_changing_a_status_with_set_status_alone_sends_nothing(
    order_pipeline, django_capture_on_commit_callbacks
):
    # Side effects are the EventHandler's explicit calls, not receivers of Oscar's signals.
    order = create_order(user=UserFactory(email="buyer@example.com"), status="Paid")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order.set_status("Being processed")

    assert mail.outbox == []


def test_dispatch_sends_tracking_by_email_and_sms_when_twilio_is_configured(
    order_pipeline, django_capture_on_commit_callbacks, settings, twilio
):
    url, received = twilio
    settings.TWILIO_API_URL = url
    settings.TWILIO_ACCOUNT_SID = "AC123"
    settings.TWILIO_AUTH_TOKEN = "token"
    settings.TWILIO_FROM_NUMBER = "+15005550006"
    order = create_order(
        shipping_address=ShippingAddressFactory(phone_number="+380441234567"),
        guest_email="guest@example.com",
        status="Paid",
    )
    ShippingEventFactory(
        order=order, event_type=ShippingEventTypeFactory(name="Shipped"), notes="NP 2045 0011 2233"
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        EventHandler().handle_order_status_change(order, "Dispatched")

    assert [message.to for message in mail.outbox] == [["guest@example.com"]]
    assert "NP 2045 0011 2233" in mail.outbox[0].body
    assert len(received) == 1
    assert received[0]["path"] == "/2010-04-01/Accounts/AC123/Messages.json"
    assert received[0]["form"]["To"] == ["+380441234567"]
    assert "NP 2045 0011 2233" in received[0]["form"]["Body"][0]
    sms = OutgoingSMS.objects.get()
    assert sms.status == DeliveryStatus.SENT
    assert sms.provider_message_id.startswith("SM")


def test_a_twilio_that_never_answers_times_out_as_a_transient_failure(settings):
    # Given a Twilio stand-in that accepts the connection and never answers
    listener = socket.create_server(("127.0.0.1", 0))
    settings.TWILIO_API_URL = f"http://127.0.0.1:{listener.getsockname()[1]}"
    settings.TWILIO_ACCOUNT_SID = "AC123"
    settings.TWILIO_AUTH_TOKEN = "token"
    settings.TWILIO_FROM_NUMBER = "+15005550006"
    settings.TWILIO_TIMEOUT_SECONDS = 0.5
    try:
        # When a message is sent through the SDK
        with pytest.raises(requests.Timeout) as raised:
            send_sms_through_provider("+380441234567", "Hi")
    finally:
        listener.close()

    # Then the SDK gave up after the timeout, and the task will retry it later
    assert is_transient(raised.value)


def test_no_sms_without_twilio_settings(order_pipeline, django_capture_on_commit_callbacks, settings):
    settings.TWILIO_ACCOUNT_SID = ""
    order = create_order(
        shipping_address=ShippingAddressFactory(phone_number="+380441234567"),
        guest_email="guest@example.com",
        status="Paid",
    )

    with django_capture_on_commit_callbacks(execute=True):
        EventHandler().handle_order_status_change(order, "Dispatched")

    assert OutgoingSMS.objects.count() == 0
    assert len([m for m in mail.outbox if m.to == ["guest@example.com"]]) == 1


def test_an_sms_twilio_refuses_is_recorded_as_failed_and_not_retried(settings, twilio, caplog):
    url, received = twilio
    settings.TWILIO_API_URL = url
    settings.TWILIO_ACCOUNT_SID = "AC123"
    settings.TWILIO_AUTH_TOKEN = "token"
    sms = OutgoingSMS.objects.create(
        business_key="order-sms:1:Dispatched", phone_number="+9990000", body="Hi"
    )

    with pytest.raises(PermanentDeliveryError):
        tasks.send_sms.delay(sms.pk)

    sms.refresh_from_db()
    assert sms.status == DeliveryStatus.FAILED
    assert "400" in sms.failure
    assert len(received) == 1
    assert "Permanent failure sending OutgoingSMS" in caplog.text
