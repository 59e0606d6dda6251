"""Which shop models django-auditlog tracks, and which of their fields (Wagtail logs pages itself)."""

from auditlog.registry import auditlog
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from ptashka.payments.models import PaymentRefund

# Counters the shop itself moves on every order (not staff decisions) and timestamps the log has anyway.
SHOP_COUNTERS = ["num_applications", "num_orders", "total_discount", "num_basket_additions"]
TIMESTAMPS = ["date_created", "date_updated"]


def track_shop_models():
    # Allocations change num_allocated on every checkout; staff set num_in_stock and the price.
    auditlog.register(get_model("partner", "StockRecord"), exclude_fields=[*TIMESTAMPS, "num_allocated"])
    auditlog.register(get_model("partner", "Partner"), m2m_fields={"users"})
    # The rating follows customers' reviews, not staff.
    auditlog.register(get_model("catalogue", "Product"), exclude_fields=[*TIMESTAMPS, "rating"])
    auditlog.register(get_model("offer", "ConditionalOffer"), exclude_fields=[*TIMESTAMPS, *SHOP_COUNTERS])
    # An offer's discount and threshold live in its benefit and condition.
    auditlog.register(get_model("offer", "Benefit"))
    auditlog.register(get_model("offer", "Condition"))
    auditlog.register(
        get_model("offer", "Range"),
        exclude_fields=TIMESTAMPS,
        m2m_fields={"excluded_products", "classes", "included_categories", "excluded_categories"},
    )
    auditlog.register(
        get_model("voucher", "Voucher"), exclude_fields=[*TIMESTAMPS, *SHOP_COUNTERS], m2m_fields={"offers"}
    )
    auditlog.register(get_model("voucher", "VoucherSet"), exclude_fields=TIMESTAMPS)
    auditlog.register(get_model("order", "Order"), include_fields=["status"])
    auditlog.register(get_model("order", "Line"), include_fields=["status"])
    auditlog.register(
        get_model("payment", "Source"),
        include_fields=["amount_allocated", "amount_debited", "amount_refunded"],
    )
    # The form token only makes a double click harmless; the amount and who asked are what matter.
    auditlog.register(PaymentRefund, exclude_fields=["token"])
    auditlog.register(get_model("shipping", "OrderAndItemCharges"), m2m_fields={"countries"})
    auditlog.register(get_model("shipping", "WeightBased"), m2m_fields={"countries"})
    auditlog.register(get_model("shipping", "WeightBand"))
    # Listed, not excluded: the password hash and sign-in times can never reach the log.
    auditlog.register(
        get_user_model(),
        include_fields=[
            "username",
            "email",
            "first_name",
            "last_name",
            "is_active",
            "is_staff",
            "is_superuser",
        ],
        m2m_fields={"groups", "user_permissions"},
    )
