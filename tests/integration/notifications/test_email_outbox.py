"""Every email Oscar sends is queued, sent after commit by a task, and sent once however often it runs."""

import pytest
from django.core import mail
from django.test import RequestFactory
from oscar.core.loading import get_class
from oscar.test.factories import UserFactory

from ptashka.notifications import tasks
from ptashka.notifications.models import DeliveryStatus, OutgoingEmail
from ptashka.notifications.outbox import queue_email

CustomerDispatcher = get_class("customer.utils", "CustomerDispatcher")
PasswordResetForm = get_class("customer.forms", "PasswordResetForm")

pytestmark = pytest.mark.django_db


def test_registration_email_is_queued_and_only_sent_after_commit(django_capture_on_commit_callbacks):
    user = UserFactory(email="olena@example.com")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CustomerDispatcher().send_registration_email_for_user(user, {"user": user})
        assert mail.outbox == []  # nothing leaves inside the transaction
    queued = OutgoingEmail.objects.get()
    assert queued.recipient == "olena@example.com"
    assert queued.status == DeliveryStatus.PENDING

    for callback in callbacks:
        callback()

    assert [message.to for message in mail.outbox] == [["olena@example.com"]]
    assert "Thank you for registering" in mail.outbox[0].body
    assert mail.outbox[0].alternatives  # the HTML part of Oscar's template goes along
    queued.refresh_from_db()
    assert queued.status == DeliveryStatus.SENT
    assert queued.attempts == 1


def test_password_reset_email_goes_through_the_outbox(django_capture_on_commit_callbacks):
    UserFactory(email="taras@example.com")
    form = PasswordResetForm(data={"email": "taras@example.com"})
    assert form.is_valid()

    with django_capture_on_commit_callbacks(execute=True):
        form.save(request=RequestFactory().get("/"), domain_override="testserver")

    assert OutgoingEmail.objects.get().status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1
    assert "/password-reset/confirm/" in mail.outbox[0].body


def test_running_the_send_task_twice_sends_one_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue_email("mykola@example.com", "Hello", "Body text")

    assert tasks.send_email.delay(queued.pk).get() == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


def test_the_same_business_event_queues_one_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_email(
            "iryna@example.com", "Dispatched", "Body", business_key="order-status:100:Dispatched"
        )
        second = queue_email(
            "iryna@example.com", "Dispatched", "Body", business_key="order-status:100:Dispatched"
        )

    assert first.pk == second.pk
    assert len(mail.outbox) == 1


def test_emails_left_pending_by_a_broker_outage_are_requeued_once(django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    stuck = OutgoingEmail.objects.create(
        recipient="lost@example.com", from_email="shop@example.com", subject="Order confirmed"
    )
    fresh = OutgoingEmail.objects.create(
        recipient="new@example.com", from_email="shop@example.com", subject="Hi"
    )
    ancient = OutgoingEmail.objects.create(
        recipient="old@example.com", from_email="shop@example.com", subject="Hi"
    )
    OutgoingEmail.objects.filter(pk=stuck.pk).update(created_at=now - timedelta(hours=1))
    OutgoingEmail.objects.filter(pk=ancient.pk).update(created_at=now - timedelta(days=30))

    assert tasks.requeue_unsent_messages.delay().get() == 1
    assert tasks.requeue_unsent_messages.delay().get() == 0  # sent now, so not requeued again

    assert [message.to for message in mail.outbox] == [["lost@example.com"]]
    assert OutgoingEmail.objects.get(pk=fresh.pk).status == DeliveryStatus.PENDING
