"""Building one day's analytics files and writing them to the exports storage, all or nothing."""

import csv
import io
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db.models import Count, Sum
from django.utils import timezone
from oscar.core.loading import get_model

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")

MONEY = pa.decimal128(14, 2)
TABLE_NAMES = ("orders", "order_lines", "revenue_by_product", "revenue_by_category", "product_activity")
FORMATS = ("csv", "parquet")


def exports_storage():
    return storages["exports"]


def file_names(day):
    return [f"{day.isoformat()}/{table}.{fmt}" for table in TABLE_NAMES for fmt in FORMATS]


def day_bounds(day):
    """The shop's local day (TIME_ZONE) as an aware [start, end) range."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def orders_table(start, end):
    orders = (
        Order.objects.filter(date_placed__gte=start, date_placed__lt=end)
        .annotate(line_count=Count("lines"), item_count=Sum("lines__quantity"))
        .order_by("date_placed", "pk")
    )
    schema = pa.schema(
        [
            ("order_number", pa.string()),
            ("placed_at", pa.timestamp("us", tz=str(timezone.get_current_timezone()))),
            ("status", pa.string()),
            ("currency", pa.string()),
            ("total_incl_tax", MONEY),
            ("total_excl_tax", MONEY),
            ("shipping_incl_tax", MONEY),
            ("num_lines", pa.int64()),
            ("num_items", pa.int64()),
            ("customer", pa.string()),
        ]
    )
    rows = [
        {
            "order_number": order.number,
            "placed_at": timezone.localtime(order.date_placed),
            "status": order.status,
            "currency": order.currency,
            "total_incl_tax": order.total_incl_tax,
            "total_excl_tax": order.total_excl_tax,
            "shipping_incl_tax": order.shipping_incl_tax,
            "num_lines": order.line_count,
            "num_items": order.item_count or 0,
            "customer": "registered" if order.user_id else "guest",
        }
        for order in orders
    ]
    return schema, rows


def order_lines(start, end):
    return list(
        Line.objects.filter(order__date_placed__gte=start, order__date_placed__lt=end)
        .select_related("order")
        .order_by("order__date_placed", "order_id", "pk")
    )


def order_lines_table(lines):
    schema = pa.schema(
        [
            ("order_number", pa.string()),
            ("line_id", pa.int64()),
            ("product_id", pa.int64()),
            ("upc", pa.string()),
            ("partner_sku", pa.string()),
            ("title", pa.string()),
            ("quantity", pa.int64()),
            ("unit_price_incl_tax", MONEY),
            ("line_price_incl_tax", MONEY),
            ("line_price_excl_tax", MONEY),
            ("status", pa.string()),
        ]
    )
    rows = [
        {
            "order_number": line.order.number,
            "line_id": line.pk,
            "product_id": line.product_id,
            "upc": line.upc or "",
            "partner_sku": line.partner_sku,
            "title": line.title,
            "quantity": line.quantity,
            "unit_price_incl_tax": line.unit_price_incl_tax,
            "line_price_incl_tax": line.line_price_incl_tax,
            "line_price_excl_tax": line.line_price_excl_tax,
            "status": line.status,
        }
        for line in lines
    ]
    return schema, rows


def revenue_by_product_table(lines):
    totals = {}
    for line in lines:
        key = (line.product_id, line.title)
        entry = totals.setdefault(key, {"quantity": 0, "incl": Decimal("0.00"), "excl": Decimal("0.00")})
        entry["quantity"] += line.quantity
        entry["incl"] += line.line_price_incl_tax
        entry["excl"] += line.line_price_excl_tax
    schema = pa.schema(
        [
            ("product_id", pa.int64()),
            ("title", pa.string()),
            ("quantity", pa.int64()),
            ("revenue_incl_tax", MONEY),
            ("revenue_excl_tax", MONEY),
        ]
    )
    rows = [
        {
            "product_id": product_id,
            "title": title,
            "quantity": entry["quantity"],
            "revenue_incl_tax": entry["incl"],
            "revenue_excl_tax": entry["excl"],
        }
        for (product_id, title), entry in sorted(totals.items(), key=lambda item: -item[1]["incl"])
    ]
    return schema, rows


def categories_of_products(product_ids):
    """{product id: [(category id, name)]}; a variant takes its parent's categories. Two queries."""
    parent_of = dict(Product.objects.filter(pk__in=product_ids).values_list("pk", "parent_id"))
    owners = {pid: parent_of.get(pid) or pid for pid in product_ids}
    placements = defaultdict(list)
    for product_id, category_id, name in ProductCategory.objects.filter(
        product_id__in=set(owners.values())
    ).values_list("product_id", "category_id", "category__name"):
        placements[product_id].append((category_id, name))
    return {pid: placements.get(owner, []) for pid, owner in owners.items()}


def revenue_by_category_table(lines):
    categories = categories_of_products({line.product_id for line in lines if line.product_id})
    totals = {}
    for line in lines:
        # A product in two categories counts in both: each row answers "what did this category sell".
        for category in categories.get(line.product_id) or [(None, "(no category)")]:
            entry = totals.setdefault(
                category, {"quantity": 0, "incl": Decimal("0.00"), "excl": Decimal("0.00")}
            )
            entry["quantity"] += line.quantity
            entry["incl"] += line.line_price_incl_tax
            entry["excl"] += line.line_price_excl_tax
    schema = pa.schema(
        [
            ("category_id", pa.int64()),
            ("category", pa.string()),
            ("quantity", pa.int64()),
            ("revenue_incl_tax", MONEY),
            ("revenue_excl_tax", MONEY),
        ]
    )
    rows = [
        {
            "category_id": category_id,
            "category": name,
            "quantity": entry["quantity"],
            "revenue_incl_tax": entry["incl"],
            "revenue_excl_tax": entry["excl"],
        }
        for (category_id, name), entry in sorted(totals.items(), key=lambda item: -item[1]["incl"])
    ]
    return schema, rows


def product_activity_table(start, end):
    """Views by signed-in shoppers on the day, beside Oscar's running totals per product."""
    views_on_day = dict(
        UserProductView.objects.filter(date_created__gte=start, date_created__lt=end)
        .values("product_id")
        .annotate(views=Count("pk"))
        .values_list("product_id", "views")
    )
    records = {
        record.product_id: record
        for record in ProductRecord.objects.select_related("product", "product__parent")
    }
    titles = dict(Product.objects.filter(pk__in=set(views_on_day) - set(records)).values_list("pk", "title"))
    schema = pa.schema(
        [
            ("product_id", pa.int64()),
            ("title", pa.string()),
            ("views_on_day", pa.int64()),
            ("total_views", pa.int64()),
            ("total_basket_additions", pa.int64()),
            ("total_purchases", pa.int64()),
        ]
    )
    rows = []
    for product_id in sorted(set(views_on_day) | set(records)):
        record = records.get(product_id)
        rows.append(
            {
                "product_id": product_id,
                "title": record.product.get_title() if record else titles.get(product_id, ""),
                "views_on_day": views_on_day.get(product_id, 0),
                "total_views": record.num_views if record else 0,
                "total_basket_additions": record.num_basket_additions if record else 0,
                "total_purchases": record.num_purchases if record else 0,
            }
        )
    return schema, rows


def csv_bytes(schema, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=schema.names, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {key: value.isoformat() if isinstance(value, datetime) else value for key, value in row.items()}
        )
    # The byte-order mark makes spreadsheets read the UTF-8 (Ukrainian titles) correctly.
    return buffer.getvalue().encode("utf-8-sig")


def parquet_bytes(schema, rows):
    table = pa.Table.from_pylist(rows, schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def build_day_files(day):
    """{file name: content} for one day, built completely in memory before anything is written."""
    start, end = day_bounds(day)
    lines = order_lines(start, end)
    tables = {
        "orders": orders_table(start, end),
        "order_lines": order_lines_table(lines),
        "revenue_by_product": revenue_by_product_table(lines),
        "revenue_by_category": revenue_by_category_table(lines),
        "product_activity": product_activity_table(start, end),
    }
    files = {}
    for table_name, (schema, rows) in tables.items():
        files[f"{day.isoformat()}/{table_name}.csv"] = csv_bytes(schema, rows)
        files[f"{day.isoformat()}/{table_name}.parquet"] = parquet_bytes(schema, rows)
    return files


def export_day(day: date):
    """Write (or replace) one day's files; returns their names.

    Everything is built first, so a failing query writes nothing; each file then replaces the
    previous one in a single step (a rename locally, a single PUT on S3).
    """
    files = build_day_files(day)
    storage = exports_storage()
    for name, content in files.items():
        storage.save(name, ContentFile(content))
    return list(files)


def exported_days():
    """Exported days, newest first, from one listing of the exports storage (every day has all files)."""
    try:
        directories, _files = exports_storage().listdir("")
    except FileNotFoundError:
        return []
    days = []
    for directory in directories:
        try:
            days.append(date.fromisoformat(directory))
        except ValueError:
            continue
    return sorted(days, reverse=True)
