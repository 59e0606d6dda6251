"""Staff changes made through the dashboard land in the audit log: who, when, what, from what to what."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory, create_offer, create_order, create_product, create_stockrecord

from tests.functional.audit.audit_steps import entries_for, form_data

Category = get_model("catalogue", "Category")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Voucher = get_model("voucher", "Voucher")

pytestmark = pytest.mark.django_db


def test_a_price_changed_in_the_dashboard_is_logged_with_the_manager_and_both_prices(
    manager_client, shop_manager
):
    product = create_product(title="Писанка", product_class="Crafts")
    product.categories.add(Category.add_root(name="Easter", slug="easter"))
    stockrecord = create_stockrecord(
        product, price=Decimal("12.00"), num_in_stock=10, partner_name="Warehouse"
    )
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    data = form_data(manager_client.get(url), "create_update_product_form")
    data["stockrecords-0-price"] = ["15.50"]
    data["stockrecords-0-num_in_stock"] = ["7"]

    answer = manager_client.post(url, data)

    assert answer.status_code == 302
    stockrecord.refresh_from_db()
    assert stockrecord.price == Decimal("15.50")
    change = entries_for(stockrecord).get(action=LogEntry.Action.UPDATE)
    assert change.actor == shop_manager
    assert change.changes_dict["price"] == ["12.00", "15.50"]
    assert change.changes_dict["num_in_stock"] == ["10", "7"]


def test_an_order_status_changed_in_the_dashboard_is_logged(manager_client, shop_manager):
    order = create_order(status="Paid")

    manager_client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {"order_action": "change_order_status", "new_status": "Being processed"},
    )

    order.refresh_from_db()
    assert order.status == "Being processed"
    change = entries_for(order).get(action=LogEntry.Action.UPDATE)
    assert (change.actor, change.changes_dict) == (shop_manager, {"status": ["Paid", "Being processed"]})


def test_a_customer_deactivated_in_the_dashboard_is_logged(auditor_client, superuser):
    customer = UserFactory(email="customer@example.com")

    auditor_client.post(
        reverse("dashboard:users-index"), {"action": "make_inactive", "selected_user": [customer.pk]}
    )

    customer.refresh_from_db()
    assert not customer.is_active
    change = entries_for(customer).get(action=LogEntry.Action.UPDATE)
    assert (change.actor, change.changes_dict) == (superuser, {"is_active": ["True", "False"]})


def test_a_voucher_edited_in_the_dashboard_is_logged(manager_client, shop_manager):
    voucher = Voucher.objects.create(
        name="Winter", code="WINTER10", start_datetime="2026-12-01T00:00Z", end_datetime="2027-01-01T00:00Z"
    )
    voucher.offers.add(create_offer(name="Winter offer", offer_type=ConditionalOffer.VOUCHER))
    url = reverse("dashboard:voucher-update", kwargs={"pk": voucher.pk})
    data = form_data(manager_client.get(url), "create_update_voucher_form")
    data["code"] = ["WINTER20"]

    answer = manager_client.post(url, data)

    assert answer.status_code == 302, answer.context and answer.context["form"].errors
    (change,) = [
        entry
        for entry in entries_for(voucher).filter(action=LogEntry.Action.UPDATE)
        if "code" in entry.changes_dict
    ]
    assert (change.actor, change.changes_dict["code"]) == (shop_manager, ["WINTER10", "WINTER20"])


def test_an_offer_suspended_in_the_dashboard_is_logged(manager_client, shop_manager):
    offer = create_offer(name="10% off ceramics")

    manager_client.post(reverse("dashboard:offer-detail", kwargs={"pk": offer.pk}), {"suspend": "1"})

    offer.refresh_from_db()
    assert offer.status == ConditionalOffer.SUSPENDED
    change = entries_for(offer).get(action=LogEntry.Action.UPDATE)
    assert (change.actor, change.changes_dict) == (shop_manager, {"status": ["Open", "Suspended"]})


def test_passwords_and_sign_in_times_never_reach_the_log(client, db):
    customer = UserFactory(email="customer@example.com", password="old secret")
    customer.set_password("new secret")
    customer.save()
    client.force_login(customer)

    for entry in entries_for(customer):
        assert "password" not in entry.changes_dict and "last_login" not in entry.changes_dict
        assert customer.password not in str(entry.changes)
    assert not entries_for(customer).filter(action=LogEntry.Action.UPDATE).exists()


def test_a_change_made_outside_a_request_has_no_actor(db):
    stockrecord = create_stockrecord(create_product(), price=Decimal("12.00"), num_in_stock=3)

    stockrecord.num_in_stock = 0  # a webhook or a Celery task
    stockrecord.save()

    assert entries_for(stockrecord).get(action=LogEntry.Action.UPDATE).actor is None
