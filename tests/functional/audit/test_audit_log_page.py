"""Superusers read one audit log of shop changes and Wagtail's page log at /dashboard/audit/; nobody else."""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.test.factories import create_product, create_stockrecord
from wagtail.models import ModelLogEntry, Page

pytestmark = pytest.mark.django_db

AUDIT_LOG = reverse("ptashka_audit:log")


def change_price(stockrecord, price, actor=None):
    """A price change as the dashboard makes it: with the signed-in user as the actor (or none)."""
    stockrecord.price = Decimal(price)
    if actor is None:
        stockrecord.save()
        return
    with set_actor(actor):
        stockrecord.save()


@pytest.fixture
def stockrecord(db):
    return create_stockrecord(create_product(title="Писанка"), price=Decimal("12.00"), num_in_stock=10)


def publish_page(editor, title="Pottery week"):
    page = Page.get_first_root_node().add_child(
        instance=Page(title=title, slug=title.lower().replace(" ", "-"))
    )
    page.save_revision(user=editor).publish(user=editor)
    return page


def test_signed_out_visitors_are_sent_to_the_dashboard_login(client):
    answer = client.get(AUDIT_LOG)

    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("dashboard:login"))


def test_shop_managers_cannot_read_the_audit_log(manager_client):
    assert manager_client.get(AUDIT_LOG).status_code == 403


def test_the_dashboard_menu_links_the_audit_log_for_superusers_only(auditor_client, manager_client):
    assert AUDIT_LOG in auditor_client.get(reverse("dashboard:index")).content.decode()
    assert AUDIT_LOG not in manager_client.get(reverse("dashboard:index")).content.decode()


def test_shop_changes_and_page_publishing_are_shown_together_newest_first(
    auditor_client, shop_manager, superuser, stockrecord
):
    change_price(stockrecord, "15.50", actor=shop_manager)
    page = publish_page(superuser)

    answer = auditor_client.get(AUDIT_LOG)

    assert answer.status_code == 200
    rows = answer.content.decode().split("<tbody>")[1].split("</tr>")
    published = next(i for i, row in enumerate(rows) if "Pottery week" in row and "Publish" in row)
    priced = next(i for i, row in enumerate(rows) if "12.00 → 15.50" in row)
    assert published < priced  # the page was published after the price changed
    assert "root@ptashka.test" in rows[published]
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in rows[published]
    assert "olena@ptashka.test" in rows[priced] and "Stock record" in rows[priced]


def test_changes_no_one_signed_in_made_are_shown_as_the_system(auditor_client, stockrecord):
    change_price(stockrecord, "9.99")  # a webhook or a Celery task

    row = next(row for row in auditor_client.get(AUDIT_LOG).content.decode().split("</tr>") if "9.99" in row)

    assert "system" in row


def test_the_log_narrows_to_an_object_type_a_person_or_days(
    auditor_client, shop_manager, superuser, stockrecord
):
    change_price(stockrecord, "15.50", actor=shop_manager)
    publish_page(superuser, title="Root page")
    change_price(stockrecord, "7.00")

    def shown(**filters):
        return auditor_client.get(AUDIT_LOG, filters).content.decode()

    stock_only = shown(kind="partner.stockrecord")
    assert "12.00 → 15.50" in stock_only and "Root page" not in stock_only
    pages_only = shown(kind="pages")
    assert "Root page" in pages_only and "15.50" not in pages_only
    by_olena = shown(actor="olena")
    assert "12.00 → 15.50" in by_olena and "Root page" not in by_olena and "7.00" not in by_olena
    by_system = shown(actor="system")
    assert "15.50 → 7.00" in by_system and "12.00 → 15.50" not in by_system
    by_root = shown(actor="root@")
    assert "Root page" in by_root and "15.50" not in by_root
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert "Nothing matches" in shown(date_from=tomorrow)
    assert "Root page" in shown(date_to=tomorrow)


@pytest.mark.parametrize(
    "filters",
    [
        {"date_from": "yesterday"},
        {"kind": "auth.password"},
        {"date_from": "2026-12-02", "date_to": "2026-12-01"},
    ],
)
def test_nonsense_filters_are_refused_with_a_400(auditor_client, filters):
    answer = auditor_client.get(AUDIT_LOG, filters)

    assert answer.status_code == 400
    assert "text-danger" in answer.content.decode() or "alert-danger" in answer.content.decode()


def test_a_page_of_the_log_costs_the_same_queries_however_many_entries_it_shows(
    auditor_client, shop_manager, superuser, stockrecord
):
    prices = itertools.count(20)

    def add_entries(count):
        for _ in range(count):
            price = next(prices)
            change_price(stockrecord, f"{price}.00", actor=shop_manager)
            ModelLogEntry.objects.log_action(instance=shop_manager, action="wagtail.edit", user=superuser)
            publish_page(superuser, title=f"Page {price}")

    add_entries(1)
    with CaptureQueriesContext(connection) as few:
        assert auditor_client.get(AUDIT_LOG).status_code == 200
    add_entries(20)
    with CaptureQueriesContext(connection) as many:
        page = auditor_client.get(AUDIT_LOG)

    assert len(page.context["entries"]) > 40
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_long_log_is_paged_with_the_filters_kept(auditor_client, shop_manager, stockrecord):
    for step in range(55):
        change_price(stockrecord, f"{20 + step}.00", actor=shop_manager)

    first = auditor_client.get(AUDIT_LOG, {"actor": "olena"})
    second = auditor_client.get(AUDIT_LOG, {"actor": "olena", "page": 2})

    assert len(first.context["entries"]) == 50
    assert "actor=olena&amp;page=2" in first.content.decode()
    assert len(second.context["entries"]) == 5  # 55 price changes; the stock record's creation had no actor


def test_audit_entries_cannot_be_deleted_in_the_django_admin(auditor_client, stockrecord):
    entry = LogEntry.objects.first()

    answer = auditor_client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"})

    assert answer.status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()
