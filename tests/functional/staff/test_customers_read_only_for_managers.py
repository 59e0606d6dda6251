"""The dashboard's customers for shop managers: they look customers up; changing one needs change_user."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(demo_shop):
    return get_user_model().objects.get(username="manager")


def deactivate(client, user):
    return client.post("/dashboard/users/", {"action": "make_inactive", "selected_user": [user.pk]})


def test_a_manager_with_view_user_only_cannot_deactivate_a_shopper(client, manager, shopper):
    client.force_login(manager)
    assert client.get("/dashboard/users/").status_code == 200

    refused = deactivate(client, shopper)

    assert refused.status_code == 403
    shopper.refresh_from_db()
    assert shopper.is_active


def test_a_manager_with_view_user_only_cannot_reactivate_a_customer_either(client, manager, shopper):
    shopper.is_active = False
    shopper.save()
    client.force_login(manager)

    refused = client.post("/dashboard/users/", {"action": "make_active", "selected_user": [shopper.pk]})

    assert refused.status_code == 403
    shopper.refresh_from_db()
    assert not shopper.is_active


def test_a_manager_given_change_user_deactivates_a_shopper(client, manager, shopper):
    manager.user_permissions.add(
        Permission.objects.get(content_type__app_label="auth", codename="change_user")
    )
    client.force_login(manager)

    done = deactivate(client, shopper)

    assert done.status_code == 302
    shopper.refresh_from_db()
    assert not shopper.is_active
