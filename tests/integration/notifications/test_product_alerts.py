"""Back-in-stock alerts are checked by a task after the stock change commits, and sent once."""

import pytest
from django.core import mail
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory, create_product, create_stockrecord

from ptashka.notifications import tasks

ProductAlert = get_model("customer", "ProductAlert")

pytestmark = pytest.mark.django_db


def test_restocking_sends_the_alert_after_commit_and_only_once(django_capture_on_commit_callbacks):
    product = create_product(title="Глечик")
    record = create_stockrecord(product, num_in_stock=0)
    ProductAlert.objects.create(user=UserFactory(email="waiting@example.com"), product=product)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        record.num_in_stock = 8
        record.save()
        assert mail.outbox == []  # the request that restocks does not send
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:  # what the commit runs: the alert task
            callback()
        tasks.send_product_alerts.delay(product.pk)  # a second delivery of the task

    assert [message.to for message in mail.outbox] == [["waiting@example.com"]]
    assert "Глечик" in mail.outbox[0].subject + mail.outbox[0].body
    assert ProductAlert.objects.get().status == ProductAlert.CLOSED
