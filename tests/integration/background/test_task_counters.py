"""Every task's successes, failures and retries are counted for the metrics endpoint to come."""

import pytest

from ptashka.background.metrics import task_counters
from ptashka.notifications import tasks
from ptashka.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db

SEND_EMAIL = "ptashka.notifications.tasks.send_email"


def test_a_successful_task_counts_one_success():
    email = OutgoingEmail.objects.create(
        recipient="a@example.com", from_email="shop@example.com", subject="Hi"
    )

    tasks.send_email.delay(email.pk)

    assert task_counters([SEND_EMAIL]) == {SEND_EMAIL: {"success": 1, "failure": 0, "retry": 0}}


def test_a_failing_task_counts_one_failure():
    # throw=False traces the task as a worker does; eager calls re-raise before signalling.
    result = tasks.send_email.apply(args=(999_999,), throw=False)

    assert isinstance(result.result, OutgoingEmail.DoesNotExist)

    assert task_counters([SEND_EMAIL])[SEND_EMAIL]["failure"] == 1
