"""A dashboard refund is in the audit log: who made it, how much, and what the source has refunded."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from oscar.core.loading import get_model

from ptashka.payments.models import PaymentRefund

Order = get_model("order", "Order")
Source = get_model("payment", "Source")

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order(client, small_shop, to_preview):
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    return Order.objects.get()


@pytest.fixture
def manager(paid_order, client):
    manager = get_user_model().objects.create_superuser("manager", "manager@example.com", "pw")
    client.logout()
    client.force_login(manager)
    return manager


def entries_of(model):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).order_by("pk")


def test_a_dashboard_refund_is_logged_with_the_manager_and_the_amount(client, paid_order, manager):
    client.post(
        reverse("dashboard:order-refund", args=[paid_order.number]), {"token": "t", "amount": "10.00"}
    )

    refund = entries_of(PaymentRefund).get()
    assert refund.action == LogEntry.Action.CREATE
    assert (refund.actor, refund.changes_dict["amount"]) == (manager, ["None", "10.00"])
    updates = entries_of(Source).filter(action=LogEntry.Action.UPDATE)
    refunded = [entry for entry in updates if "amount_refunded" in entry.changes_dict]
    assert [(entry.actor, entry.changes_dict["amount_refunded"]) for entry in refunded] == [
        (manager, ["0.00", "10.00"])
    ]
