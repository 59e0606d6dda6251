"""One day's analytics files: what they contain, and that re-running replaces them whole."""

import csv
from datetime import date, timedelta
from decimal import Decimal

import pyarrow.parquet as pq
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from ptashka.analytics.exports import export_day, file_names

EXPORT_DAY = date(2026, 11, 20)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_day_is_exported_as_csv_and_parquet_per_table(exports_dir, day_of_sales):
    written = export_day(EXPORT_DAY)

    assert sorted(written) == sorted(file_names(EXPORT_DAY))
    assert sorted(path.name for path in (exports_dir / "2026-11-20").iterdir()) == sorted(
        name.split("/")[1] for name in file_names(EXPORT_DAY)
    )


def test_orders_of_the_shops_local_day_only(exports_dir, day_of_sales):
    export_day(EXPORT_DAY)

    orders = read_csv(exports_dir / "2026-11-20" / "orders.csv")
    assert sorted(row["order_number"] for row in orders) == sorted(
        str(o.number) for o in day_of_sales["orders"]
    )
    assert {row["customer"] for row in orders} == {"registered", "guest"}
    lines = read_csv(exports_dir / "2026-11-20" / "order_lines.csv")
    assert sorted((row["title"], row["quantity"]) for row in lines) == [
        ("Глечик", "1"),
        ("Рушник вишитий", "2"),
    ]


def test_revenue_by_product_and_by_category(exports_dir, day_of_sales):
    export_day(EXPORT_DAY)

    by_product = {
        row["title"]: row for row in read_csv(exports_dir / "2026-11-20" / "revenue_by_product.csv")
    }
    assert Decimal(by_product["Рушник вишитий"]["revenue_incl_tax"]) == Decimal("50.00")
    by_category = {
        row["category"]: row for row in read_csv(exports_dir / "2026-11-20" / "revenue_by_category.csv")
    }
    # The towel is in both categories, so it counts in both.
    assert Decimal(by_category["Текстиль"]["revenue_incl_tax"]) == Decimal("50.00")
    assert Decimal(by_category["Подарунки"]["revenue_incl_tax"]) == Decimal("68.50")
    assert by_category["Подарунки"]["quantity"] == "3"


def test_product_activity_counts_the_days_views(exports_dir, day_of_sales):
    export_day(EXPORT_DAY)

    activity = {row["title"]: row for row in read_csv(exports_dir / "2026-11-20" / "product_activity.csv")}
    assert activity["Рушник вишитий"]["views_on_day"] == "1"


def test_parquet_holds_the_same_rows_with_typed_columns(exports_dir, day_of_sales):
    export_day(EXPORT_DAY)

    table = pq.read_table(exports_dir / "2026-11-20" / "revenue_by_product.parquet")
    assert str(table.schema.field("revenue_incl_tax").type) == "decimal128(14, 2)"
    assert sorted(table.column("title").to_pylist()) == ["Глечик", "Рушник вишитий"]
    orders = pq.read_table(exports_dir / "2026-11-20" / "orders.parquet")
    assert orders.num_rows == 2


def test_re_running_a_day_replaces_its_files(exports_dir, day_of_sales, place_order):
    export_day(EXPORT_DAY)
    place_order(EXPORT_DAY, 12, day_of_sales["jug"])

    export_day(EXPORT_DAY)

    assert len(read_csv(exports_dir / "2026-11-20" / "orders.csv")) == 3
    assert len(list((exports_dir / "2026-11-20").iterdir())) == len(file_names(EXPORT_DAY))


class BreaksHalfWay(ContentFile):
    def chunks(self, chunk_size=None):
        yield b"order_number,total\r\n"
        raise OSError("disk full")


def test_a_failed_write_leaves_the_previous_file_and_no_partial_one(exports_dir):
    storage = storages["exports"]
    storage.save("2026-11-20/orders.csv", ContentFile(b"previous"))

    with pytest.raises(OSError, match="disk full"):
        storage.save("2026-11-20/orders.csv", BreaksHalfWay(b""))

    assert (exports_dir / "2026-11-20" / "orders.csv").read_bytes() == b"previous"
    assert [path.name for path in (exports_dir / "2026-11-20").iterdir()] == ["orders.csv"]


def test_a_day_without_orders_still_gets_files_with_headers(exports_dir, db):
    export_day(EXPORT_DAY)

    content = (exports_dir / "2026-11-20" / "orders.csv").read_bytes().decode("utf-8-sig")
    assert content.startswith("order_number,placed_at,status")
    assert content.count("\r\n") == 1  # the header row only


def test_the_nightly_task_exports_yesterday_in_the_shops_time_zone(exports_dir, db):
    from django.utils import timezone

    from ptashka.analytics import tasks

    assert tasks.export_yesterday.delay().get() == (timezone.localdate() - timedelta(days=1)).isoformat()

    yesterday = timezone.localdate() - timedelta(days=1)
    assert len(list((exports_dir / yesterday.isoformat()).iterdir())) == len(file_names(yesterday))


def test_the_number_of_queries_does_not_grow_with_the_orders(db, day_of_sales, place_order):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from oscar.test.factories import create_product, create_stockrecord

    from ptashka.analytics.exports import build_day_files

    with CaptureQueriesContext(connection) as few:
        build_day_files(EXPORT_DAY)
    for title in ("Писанка", "Свічка", "Ляльки-мотанки"):
        product = create_product(title=title)
        create_stockrecord(product, price=Decimal("9.00"), num_in_stock=9)
        place_order(EXPORT_DAY, 15, product, quantity=3)

    with CaptureQueriesContext(connection) as many:
        build_day_files(EXPORT_DAY)

    assert len(many) == len(few)
