"""Shop managers list and download the exports from the dashboard; nobody else can, staff included."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from oscar.test.factories import UserFactory

from ptashka.analytics.exports import export_day

pytestmark = pytest.mark.django_db


def shop_managers_group():
    """The Shop managers group as the demo and the migration give it the exports: by permission."""
    group, _ = Group.objects.get_or_create(name="Shop managers")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="ptashka_analytics", codename="download_exports")
    )
    return group


@pytest.fixture
def exported(exports_dir, day_of_sales, export_date):
    export_day(export_date)
    return export_date


@pytest.fixture
def manager_client(client):
    manager = UserFactory(is_staff=True)
    manager.groups.add(shop_managers_group())
    client.force_login(manager)
    return client


def download_url(table="orders", fmt="csv", day="2026-11-20"):
    return reverse("ptashka_analytics:export-download", args=[day, table, fmt])


def test_the_list_shows_exported_days_with_links(manager_client, exported):
    page = manager_client.get(reverse("ptashka_analytics:export-list"))

    assert page.status_code == 200
    assert "2026-11-20" in page.content.decode()
    assert download_url("revenue_by_category", "parquet") in page.content.decode()


def test_the_dashboard_menu_links_the_exports_page(manager_client, exports_dir):
    page = manager_client.get(reverse("dashboard:index"))

    assert reverse("ptashka_analytics:export-list") in page.content.decode()


def test_a_manager_downloads_a_file(manager_client, exported):
    response = manager_client.get(download_url())

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ptashka-2026-11-20-orders.csv"'
    assert b"".join(response.streaming_content).decode("utf-8-sig").startswith("order_number,")


@pytest.mark.parametrize(
    "url",
    [
        download_url(table="secrets"),
        download_url(fmt="xlsx"),
        download_url(day="2026-11-19"),
        "/dashboard/analytics-exports/..%2F..%2Fetc/passwd.csv",
    ],
)
def test_only_exported_files_can_be_downloaded(manager_client, exported, url):
    assert manager_client.get(url).status_code == 404


def test_customers_are_sent_to_the_dashboard_login(client, exported):
    client.force_login(UserFactory(is_staff=False))

    for url in (reverse("ptashka_analytics:export-list"), download_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("dashboard:login"))


def test_staff_outside_the_shop_managers_group_are_sent_to_the_dashboard_login(client, exported):
    client.force_login(UserFactory(is_staff=True))

    for url in (reverse("ptashka_analytics:export-list"), download_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("dashboard:login"))


def test_the_dashboard_menu_hides_the_exports_from_staff_outside_the_group(client, exports_dir):
    client.force_login(UserFactory(is_staff=True))

    page = client.get(reverse("dashboard:index"))

    assert page.status_code == 200
    assert reverse("ptashka_analytics:export-list") not in page.content.decode()


def test_a_superuser_downloads_a_file_without_being_in_the_group(client, exported):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(download_url()).status_code == 200


def test_the_migration_grants_the_exports_to_an_existing_shop_managers_group():
    managers = Group.objects.create(name="Shop managers")
    migration = importlib.import_module("ptashka.analytics.migrations.0002_shop_managers_download_exports")

    migration.grant(apps, None)

    assert managers.permissions.filter(codename="download_exports").exists()


def test_the_demo_shop_manager_may_download_the_exports(demo_shop):
    manager = get_user_model().objects.get(username="manager")

    assert manager.has_perm("ptashka_analytics.download_exports")
