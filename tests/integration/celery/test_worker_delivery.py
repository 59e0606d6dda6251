"""A real worker on Redis delivers email end to end, survives being killed, and retries wisely."""

import os
import signal

import pytest
from oscar.core.loading import get_class
from oscar.test.factories import UserFactory, create_order

from ptashka.background.metrics import task_counters
from ptashka.background.retry import PermanentDeliveryError
from ptashka.notifications import tasks
from ptashka.notifications.models import DeliveryStatus, OutgoingEmail
from ptashka.notifications.outbox import queue_email
from tests.shop_fixtures import staff_who_handles_orders

CustomerDispatcher = get_class("customer.utils", "CustomerDispatcher")

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

SEND_EMAIL = "ptashka.notifications.tasks.send_email"
DELIVERY_SECONDS = 90


def test_a_registration_email_is_delivered_by_the_worker(start_worker, smtp_server, wait_until):
    smtp, _port = smtp_server
    start_worker()
    user = UserFactory(email="olena@example.com")

    CustomerDispatcher().send_registration_email_for_user(user, {"user": user})

    wait_until(lambda: smtp.received, DELIVERY_SECONDS, "the email to reach the SMTP server")
    assert smtp.received[0].rcpt_tos == ["olena@example.com"]
    content = smtp.received[0].content.decode()
    assert "Thank you for registering" in content
    assert "text/html" in content
    assert OutgoingEmail.objects.get().status == DeliveryStatus.SENT


def test_a_new_order_reaches_the_shop_manager_through_two_chained_tasks(
    start_worker, smtp_server, settings, wait_until
):
    smtp, _port = smtp_server
    start_worker()
    staff_who_handles_orders("manager@ptashka.localhost")

    order = create_order()

    def to_manager():
        return [e for e in smtp.received if e.rcpt_tos == ["manager@ptashka.localhost"]]

    wait_until(to_manager, DELIVERY_SECONDS, "the new-order email")
    assert f"New order {order.number}" in to_manager()[0].content.decode()


def test_a_worker_killed_mid_send_is_replaced_and_the_email_goes_out_once(
    start_worker, smtp_server, wait_until
):
    smtp, _port = smtp_server
    smtp.script = ["stall"]
    first_worker = start_worker()

    queued = queue_email("taras@example.com", "Your order is on its way", "Tracking: NP 123")
    wait_until(smtp.stalled.is_set, DELIVERY_SECONDS, "the first worker to start sending")
    first_worker.kill_hard()
    assert smtp.received == []  # the stalled delivery was never accepted

    start_worker()
    wait_until(lambda: smtp.received, DELIVERY_SECONDS, "the task to be redelivered to the new worker")
    # Any further delivery of the same task must find the email sent and send nothing.
    assert tasks.send_email.delay(queued.pk).get(timeout=DELIVERY_SECONDS) == DeliveryStatus.SENT

    assert [envelope.rcpt_tos for envelope in smtp.received] == [["taras@example.com"]]
    queued.refresh_from_db()
    assert queued.status == DeliveryStatus.SENT
    assert queued.attempts == 1


def test_a_pool_process_killed_mid_send_is_replaced_and_the_task_requeued(
    start_worker, smtp_server, wait_until
):
    smtp, _port = smtp_server
    smtp.script = ["stall"]
    worker = start_worker(pool="prefork")

    queued = queue_email("oksana@example.com", "Order confirmed", "Thank you")
    wait_until(smtp.stalled.is_set, DELIVERY_SECONDS, "the pool process to start sending")
    # The main process survives; reject_on_worker_lost puts the task back at once.
    for pid in worker.pool_children():
        os.kill(pid, signal.SIGKILL)

    wait_until(lambda: smtp.received, DELIVERY_SECONDS, "the requeued task to be sent")
    assert tasks.send_email.delay(queued.pk).get(timeout=DELIVERY_SECONDS) == DeliveryStatus.SENT
    assert [envelope.rcpt_tos for envelope in smtp.received] == [["oksana@example.com"]]
    assert "WorkerLostError" in worker.log()


def test_a_transient_smtp_failure_is_retried_then_succeeds(start_worker, smtp_server, wait_until):
    smtp, _port = smtp_server
    smtp.script = ["451", "451"]
    start_worker()
    retries_before = task_counters([SEND_EMAIL])[SEND_EMAIL]["retry"]

    queued = queue_email("iryna@example.com", "Order confirmed", "Thank you")

    wait_until(lambda: smtp.received, DELIVERY_SECONDS, "the email to get through after retries")
    assert smtp.attempts == 3
    assert len(smtp.received) == 1
    wait_until(
        lambda: OutgoingEmail.objects.get(pk=queued.pk).status == DeliveryStatus.SENT,
        DELIVERY_SECONDS,
        "status",
    )
    assert OutgoingEmail.objects.get(pk=queued.pk).attempts == 3
    assert task_counters([SEND_EMAIL])[SEND_EMAIL]["retry"] - retries_before == 2


def test_a_permanent_smtp_failure_is_not_retried_and_is_logged(start_worker, smtp_server, wait_until):
    smtp, _port = smtp_server
    smtp.script = ["550"]
    worker = start_worker()
    before = task_counters([SEND_EMAIL])[SEND_EMAIL]

    queued = OutgoingEmail.objects.create(
        recipient="nobody@example.com", from_email="shop@ptashka.localhost", subject="Order confirmed"
    )
    outcome = tasks.send_email.delay(queued.pk)

    with pytest.raises(PermanentDeliveryError, match="550"):
        outcome.get(timeout=DELIVERY_SECONDS)
    assert smtp.attempts == 1
    assert smtp.received == []
    queued.refresh_from_db()
    assert queued.status == DeliveryStatus.FAILED
    assert "no such user" in queued.failure
    wait_until(
        lambda: "Permanent failure sending OutgoingEmail" in worker.log(), DELIVERY_SECONDS, "the log line"
    )
    # Celery stores the result before it signals the failure, so the counter may trail get().
    wait_until(
        lambda: task_counters([SEND_EMAIL])[SEND_EMAIL]["failure"] - before["failure"] == 1,
        DELIVERY_SECONDS,
        "the failure to be counted",
    )
    assert task_counters([SEND_EMAIL])[SEND_EMAIL]["retry"] == before["retry"]
