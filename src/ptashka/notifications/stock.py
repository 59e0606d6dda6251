"""The daily low-stock digest for shop managers."""

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from .orders import shop_manager_emails
from .outbox import queue_email

StockRecord = get_model("partner", "StockRecord")
Dispatcher = get_class("communication.utils", "Dispatcher")

LOW_STOCK_DIGEST = "LOW_STOCK_DIGEST"


def low_stock_records():
    """Stock records whose free stock is below their own threshold, or LOW_STOCK_THRESHOLD if unset.

    Same rule as Oscar's StockRecord.is_below_threshold, with a shop-wide default.
    """
    return (
        StockRecord.objects.filter(num_in_stock__isnull=False)
        .annotate(
            free_stock=F("num_in_stock") - Coalesce("num_allocated", Value(0)),
            threshold=Coalesce("low_stock_threshold", Value(settings.LOW_STOCK_THRESHOLD)),
        )
        .filter(free_stock__lt=F("threshold"))
        .select_related("product", "product__parent", "partner")
        .order_by("free_stock", "partner_sku")
    )


def send_low_stock_digest(today=None):
    """Queue today's digest to every shop manager; nothing when all stock is fine. Once per day."""
    today = today or timezone.localdate()
    records = list(low_stock_records())
    if not records:
        return 0
    messages = Dispatcher().get_messages(LOW_STOCK_DIGEST, {"records": records, "day": today})
    recipients = shop_manager_emails()
    for email in recipients:
        queue_email(
            email,
            messages["subject"],
            messages["body"],
            messages["html"],
            business_key=f"low-stock:{today.isoformat()}:{email}",
        )
    return len(records)
