"""Refunds live on the dashboard's order page and need ptashka_payments.refund_payment, not only is_staff."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory

from ptashka.payments.models import PaymentRefund

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

REFUND = ("ptashka_payments", "refund_payment")


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def staff_who_handle_orders(*extra):
    """Staff who may see and change orders in the dashboard, as the Shop managers do."""
    member = UserFactory(is_staff=True)
    member.user_permissions.add(
        permission("order", "view_order"), permission("order", "change_order"), *extra
    )
    return member


@pytest.fixture
def paid_order(client, small_shop, to_preview):
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    assert order.status == "Paid"
    client.logout()
    return order


def refund(client, order):
    return client.post(
        reverse("dashboard:order-refund", args=[order.number]), {"token": "t", "amount": "5.00"}
    )


def test_staff_without_the_refund_permission_get_403_and_nothing_is_refunded(client, paid_order):
    client.force_login(staff_who_handle_orders())

    page = client.get(reverse("dashboard:order-detail", args=[paid_order.number]))
    refused = refund(client, paid_order)

    assert page.status_code == 200
    assert 'id="refund_form"' not in page.content.decode()  # not offered to those who may not
    assert refused.status_code == 403
    assert PaymentRefund.objects.count() == 0
    assert paid_order.sources.get().amount_refunded == 0


def test_staff_holding_the_refund_permission_refund_from_the_order_page(client, paid_order):
    client.force_login(staff_who_handle_orders(permission(*REFUND)))

    page = client.get(reverse("dashboard:order-detail", args=[paid_order.number]))
    answer = refund(client, paid_order)

    assert 'id="refund_form"' in page.content.decode()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("dashboard:order-detail", args=[paid_order.number])
    assert PaymentRefund.objects.get().amount == 5
    assert paid_order.sources.get().amount_refunded == 5


def test_the_permission_alone_without_staff_status_refunds_nothing(client, paid_order):
    customer = UserFactory(is_staff=False)
    customer.user_permissions.add(permission(*REFUND))
    client.force_login(customer)

    assert refund(client, paid_order).status_code == 403
    assert PaymentRefund.objects.count() == 0


def test_a_visitor_is_sent_to_the_dashboards_sign_in(client, paid_order):
    answer = refund(client, paid_order)

    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("dashboard:login"))
    assert PaymentRefund.objects.count() == 0


def test_the_migration_grants_refunds_to_an_existing_shop_managers_group():
    managers = Group.objects.create(name="Shop managers")
    migration = importlib.import_module("ptashka.payments.migrations.0004_shop_managers_refund_payments")

    migration.grant(apps, None)

    assert managers.permissions.filter(codename="refund_payment").exists()


def test_the_demo_shop_manager_may_refund(demo_shop):
    manager = get_user_model().objects.get(username="manager")

    assert manager.has_perm("ptashka_payments.refund_payment")
