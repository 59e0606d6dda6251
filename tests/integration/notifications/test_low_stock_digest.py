"""The daily low-stock digest lists stock below its threshold, goes to shop managers, once a day."""

from datetime import date

import pytest
from django.core import mail
from oscar.core.loading import get_model
from oscar.test.factories import create_product, create_stockrecord

from ptashka.notifications.stock import low_stock_records, send_low_stock_digest

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def stock(settings):
    settings.LOW_STOCK_THRESHOLD = 5
    settings.SHOP_MANAGER_EMAILS = ["manager@ptashka.localhost"]
    below_own = create_stockrecord(create_product(title="Рушник"), num_in_stock=12, partner_sku="RUSH-1")
    below_own.low_stock_threshold = 20
    below_own.save()
    below_default = create_stockrecord(create_product(title="Глечик"), num_in_stock=6, partner_sku="GLE-1")
    below_default.num_allocated = 2  # 4 free
    below_default.save()
    fine = create_stockrecord(create_product(title="Писанка"), num_in_stock=50, partner_sku="PYS-1")
    return below_own, below_default, fine


def test_stock_below_its_own_or_the_default_threshold_is_low(stock):
    below_own, below_default, fine = stock

    low = {record.pk for record in low_stock_records()}
    assert {below_own.pk, below_default.pk} <= low
    assert fine.pk not in low


def test_digest_goes_to_managers_once_a_day(stock, django_capture_on_commit_callbacks):
    StockRecord.objects.exclude(pk__in=[record.pk for record in stock]).update(num_in_stock=1000)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_low_stock_digest(today=date(2026, 11, 23)) == 2
        send_low_stock_digest(today=date(2026, 11, 23))

    assert [message.to for message in mail.outbox] == [["manager@ptashka.localhost"]]
    assert "Low stock: 2 products" in mail.outbox[0].subject
    assert "GLE-1" in mail.outbox[0].body and "RUSH-1" in mail.outbox[0].body
    assert "PYS-1" not in mail.outbox[0].body


def test_no_digest_when_all_stock_is_fine(settings, django_capture_on_commit_callbacks):
    settings.SHOP_MANAGER_EMAILS = ["manager@ptashka.localhost"]
    create_stockrecord(create_product(), num_in_stock=50)
    StockRecord.objects.update(num_in_stock=1000, num_allocated=0, low_stock_threshold=None)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_low_stock_digest(today=date(2026, 11, 23)) == 0

    assert mail.outbox == []
