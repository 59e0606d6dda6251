"""The Django admin is for superusers; an order's status changes only through Oscar's pipeline."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from oscar.core.loading import get_model
from oscar.test.factories import create_order

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")

pytestmark = pytest.mark.django_db


def sign_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def pending_order(demo_shop):
    order = create_order(status="Pending")
    assert order.status == "Pending"
    return order


def change_url(order):
    return f"/django-admin/order/order/{order.pk}/change/"


def test_a_shop_manager_is_sent_to_the_admin_login_instead_of_the_admin(client, demo_shop):
    sign_in(client, "manager")

    response = client.get("/django-admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/django-admin/login/")


def test_a_shop_manager_cannot_move_an_order_past_the_pipeline_in_the_admin(client, pending_order):
    sign_in(client, "manager")

    # when a shop manager posts an unpaid order's change form with status Dispatched
    response = client.post(
        change_url(pending_order), {"status": "Dispatched", "number": pending_order.number}
    )

    # then they are sent to the admin's login, and the order is as it was
    assert response.status_code == 302
    assert response["Location"].startswith("/django-admin/login/")
    pending_order.refresh_from_db()
    assert pending_order.status == "Pending"
    assert not OrderStatusChange.objects.filter(order=pending_order).exists()


def test_a_superuser_still_works_in_the_admin(client, demo_shop):
    sign_in(client, "admin")

    assert client.get("/django-admin/").status_code == 200
    assert client.get("/django-admin/order/order/").status_code == 200


def test_a_superuser_sees_an_orders_status_but_cannot_type_a_new_one(client, pending_order):
    sign_in(client, "admin")

    page = client.get(change_url(pending_order))

    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="status"' not in content
    assert "Pending" in content


@pytest.mark.parametrize("model_name", ["Order", "Line"])
def test_order_and_line_statuses_are_read_only_in_the_admin(demo_shop, model_name):
    request = RequestFactory().get("/django-admin/")
    request.user = get_user_model().objects.get(username="admin")
    model_admin = admin.site._registry[get_model("order", model_name)]

    assert "status" in model_admin.get_readonly_fields(request)


def test_the_status_change_history_cannot_be_written_by_hand_in_the_admin(demo_shop):
    request = RequestFactory().get("/django-admin/")
    request.user = get_user_model().objects.get(username="admin")
    model_admin = admin.site._registry[OrderStatusChange]

    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
