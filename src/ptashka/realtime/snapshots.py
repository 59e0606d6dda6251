"""What a live order page is told: the order's status, its history, tracking and refunds, as JSON data."""

from django.urls import reverse
from oscar.core.loading import get_model

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
ShippingEvent = get_model("order", "ShippingEvent")
PaymentEvent = get_model("order", "PaymentEvent")

REFUNDED_EVENT = "Refunded"  # the payment event name ptashka.payments records for a refund


def order_snapshot(order_id):
    """The order as its owner sees it live; four queries however long its history is."""
    order = Order.objects.only("pk", "number", "status", "currency").get(pk=order_id)
    history = OrderStatusChange.objects.filter(order_id=order_id).order_by("date_created", "pk")
    # Shop managers type the tracking number into the notes of a shipping event (as the dispatch
    # email reads it, ptashka.notifications.orders.tracking_reference): the latest one counts.
    shipping = (
        ShippingEvent.objects.filter(order_id=order_id)
        .select_related("event_type")
        .order_by("-date_created", "-pk")
        .first()
    )
    refunds = PaymentEvent.objects.filter(order_id=order_id, event_type__name=REFUNDED_EVENT).order_by(
        "date_created", "pk"
    )
    return {
        "number": order.number,
        "status": order.status,
        "history": [
            {"from": change.old_status, "to": change.new_status, "at": change.date_created.isoformat()}
            for change in history
        ],
        "tracking": (
            {
                "event": shipping.event_type.name,
                "reference": shipping.notes,
                "at": shipping.date_created.isoformat(),
            }
            if shipping
            else None
        ),
        "currency": order.currency,
        "refunds": [{"amount": str(event.amount), "at": event.date_created.isoformat()} for event in refunds],
    }


def new_order_summary(order):
    """A line of the shop managers' new-orders feed, from the order in hand (no queries)."""
    return {
        "number": str(order.number),
        "status": order.status,
        "total": str(order.total_incl_tax),
        "currency": order.currency,
        "email": order.guest_email or (order.user.email if order.user_id else ""),
        "placed_at": order.date_placed.isoformat() if order.date_placed else None,
        "url": reverse("dashboard:order-detail", kwargs={"number": order.number}),
    }
