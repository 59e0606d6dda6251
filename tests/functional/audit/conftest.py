"""A shop manager who changes the shop through the dashboard, and a superuser who reads the audit log."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from oscar.test.factories import UserFactory

from ptashka.demo.fixture_files import read_fixture


@pytest.fixture
def shop_manager(db):
    """Staff with the demo's "Shop managers" permissions: the shop's apps, customers read-only."""
    role = next(group for group in read_fixture("roles.json")["groups"] if group["name"] == "Shop managers")
    user = UserFactory(username="olena", email="olena@ptashka.test", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=role["permissions_of_apps"]),
        Permission.objects.get(content_type__app_label="auth", codename="view_user"),
    )
    return user


@pytest.fixture
def manager_client(shop_manager):
    client = Client()
    client.force_login(shop_manager)
    return client


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", email="root@ptashka.test", is_staff=True, is_superuser=True)


@pytest.fixture
def auditor_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client
