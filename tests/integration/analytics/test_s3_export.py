"""Analytics exports on S3 (a local moto server): written, replaced on re-run, downloadable."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pyarrow.parquet as pq
import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory, create_order

from ptashka.analytics.exports import file_names

Order = get_model("order", "Order")

BUCKET = "ptashka-media"
DAY = date(2026, 11, 20)

pytestmark = pytest.mark.django_db


def order_on_day():
    order = create_order()
    Order.objects.filter(pk=order.pk).update(date_placed=timezone.make_aware(datetime(2026, 11, 20, 14)))
    return order


def stored_keys(client):
    listing = client.list_objects_v2(Bucket=BUCKET, Prefix="exports/2026-11-20/")
    return sorted(item["Key"] for item in listing.get("Contents", []))


def stored_csv(client, key):
    body = client.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_export_writes_every_file_of_the_day_to_s3(s3_exports):
    order = order_on_day()

    call_command("export_analytics", "--date", "2026-11-20", stdout=io.StringIO())

    assert stored_keys(s3_exports) == sorted(f"exports/{name}" for name in file_names(DAY))
    orders = stored_csv(s3_exports, "exports/2026-11-20/orders.csv")
    assert [row["order_number"] for row in orders] == [str(order.number)]
    parquet = s3_exports.get_object(Bucket=BUCKET, Key="exports/2026-11-20/revenue_by_product.parquet")
    table = pq.read_table(io.BytesIO(parquet["Body"].read()))
    assert table.column("revenue_incl_tax").to_pylist() == [order.total_incl_tax - order.shipping_incl_tax]
    assert isinstance(table.column("revenue_incl_tax").to_pylist()[0], Decimal)


def test_re_running_the_day_replaces_the_objects_on_s3(s3_exports):
    order_on_day()
    call_command("export_analytics", "--date", "2026-11-20", stdout=io.StringIO())
    order_on_day()

    call_command("export_analytics", "--date", "2026-11-20", stdout=io.StringIO())

    assert len(stored_keys(s3_exports)) == len(file_names(DAY))  # replaced, not renamed beside
    assert len(stored_csv(s3_exports, "exports/2026-11-20/orders.csv")) == 2


def test_exports_on_s3_are_private_and_downloaded_through_the_dashboard(s3_exports, client):
    order_on_day()
    call_command("export_analytics", "--date", "2026-11-20", stdout=io.StringIO())
    manager = UserFactory(is_staff=True)  # the permission the Shop managers group holds
    manager.user_permissions.add(
        Permission.objects.get(content_type__app_label="ptashka_analytics", codename="download_exports")
    )
    client.force_login(manager)

    listing = client.get(reverse("ptashka_analytics:export-list"))
    download = client.get(reverse("ptashka_analytics:export-download", args=["2026-11-20", "orders", "csv"]))

    assert "2026-11-20" in listing.content.decode()
    assert download.status_code == 200
    assert b"".join(download.streaming_content).decode("utf-8-sig").startswith("order_number,")
    grants = s3_exports.get_object_acl(Bucket=BUCKET, Key="exports/2026-11-20/orders.csv")["Grants"]
    assert all(grant["Grantee"].get("URI", "").endswith("AllUsers") is False for grant in grants)
