"""Order notifications: the shop manager's new-order email, the customer's status emails and SMS.

Nothing here listens to signals: the order's EventHandler (forked_apps/order/processing.py) calls
tell_managers_of_new_order and tell_customer_of_status when an order is placed or moves.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from ptashka.background.handover import hand_to_worker_after_commit

from .models import OutgoingEmail
from .outbox import queue_email, queue_sms
from .sms import sms_enabled

Dispatcher = get_class("communication.utils", "Dispatcher")
CommunicationEventType = get_model("communication", "CommunicationEventType")
CommunicationEvent = get_model("order", "CommunicationEvent")

ORDERS_PERMISSION = "order.change_order"
NEW_ORDER_FOR_MANAGER = "NEW_ORDER_FOR_MANAGER"
ORDER_STATUS_CHANGED = "ORDER_STATUS_CHANGED"
ORDER_DISPATCHED = "ORDER_DISPATCHED"
ORDER_PAID = "ORDER_PAID"
EVENT_TYPE_NAMES = {
    ORDER_STATUS_CHANGED: "Order status changed",
    ORDER_DISPATCHED: "Order dispatched",
    ORDER_PAID: "Payment received",
}
PAID = "Paid"


def shop_manager_emails():
    """SHOP_MANAGER_EMAILS if set, else every active user who handles orders (the Shop managers
    group's order.change_order, or a superuser): a merchandiser being staff is not enough."""
    if settings.SHOP_MANAGER_EMAILS:
        return list(settings.SHOP_MANAGER_EMAILS)
    managers = (
        get_user_model()
        .objects.with_perm(
            ORDERS_PERMISSION, is_active=True, backend="django.contrib.auth.backends.ModelBackend"
        )
        .exclude(email="")
    )
    return sorted(set(managers.values_list("email", flat=True)))


def tracking_reference(order):
    """The notes of the order's latest shipping event: where shop managers type the tracking number."""
    event = order.shipping_events.order_by("-date_created", "-pk").first()
    return event.notes if event else ""


def notify_managers_of_new_order(order):
    messages = Dispatcher().get_messages(NEW_ORDER_FOR_MANAGER, {"order": order})
    for email in shop_manager_emails():
        queue_email(
            email,
            messages["subject"],
            messages["body"],
            messages["html"],
            business_key=f"new-order:{order.number}:{email}",
        )


def order_status_path(order):
    """Where the customer follows the order: their account's order page, or the guest's hashed link."""
    if order.user_id:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse(
        "customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()}
    )


def notify_customer_of_status(order, new_status):
    """One email per order and status reached; an SMS too when dispatched and a phone is known.

    Paid sends "payment received" (whichever gateway took the money), dispatched the tracking
    reference, any other status the plain "your order is now" email.
    """
    business_key = f"order-status:{order.number}:{new_status}"
    if not order.email or OutgoingEmail.objects.filter(business_key=business_key).exists():
        return  # no address, or this status was already announced (a duplicate task delivery)
    dispatched = new_status == settings.ORDER_DISPATCHED_STATUS
    code = ORDER_DISPATCHED if dispatched else ORDER_PAID if new_status == PAID else ORDER_STATUS_CHANGED
    context = {
        "order": order,
        "status": new_status,
        "tracking": tracking_reference(order) if dispatched else "",
        "status_path": order_status_path(order),
    }
    messages = Dispatcher().get_messages(code, context)
    queue_email(
        order.email, messages["subject"], messages["body"], messages["html"], business_key=business_key
    )
    # Created by migrations 0002/0003 for the dashboard; get_or_create keeps the audit trail if removed.
    event_type, _created = CommunicationEventType.objects.get_or_create(
        code=code, defaults={"name": EVENT_TYPE_NAMES[code], "category": CommunicationEventType.ORDER_RELATED}
    )
    CommunicationEvent.objects.create(order=order, event_type=event_type)
    phone = order.shipping_address.phone_number if order.shipping_address else None
    if dispatched and phone and sms_enabled() and messages["sms"].strip():
        queue_sms(str(phone), messages["sms"].strip(), business_key=f"order-sms:{order.number}:{new_status}")


def tell_managers_of_new_order(order):
    from . import tasks

    # Without a broker the emails are put in the outbox here instead, so requeue_unsent covers them.
    hand_to_worker_after_commit(
        tasks.notify_managers_of_new_order, order.pk, otherwise=lambda: notify_managers_of_new_order(order)
    )


def tell_customer_of_status(order, new_status):
    """Email (and SMS) the customer once the status change commits, through a worker if one answers."""
    from . import tasks

    hand_to_worker_after_commit(
        tasks.notify_customer_of_status,
        order.pk,
        new_status,
        otherwise=lambda: notify_customer_of_status(order, new_status),
    )
