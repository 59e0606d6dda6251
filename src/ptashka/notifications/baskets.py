"""Abandoned baskets: finding them, and sending each one reminder with a way back and a way out."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from .models import BasketReminder, Unsubscription
from .outbox import queue_email

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Dispatcher = get_class("communication.utils", "Dispatcher")

BASKET_REMINDER = "BASKET_REMINDER"
UNSUBSCRIBE_SALT = "ptashka.notifications.unsubscribe"


def unsubscribe_token(email):
    return signing.dumps(email.lower(), salt=UNSUBSCRIBE_SALT, compress=True)


def email_from_unsubscribe_token(token):
    """The address a token was made for; raises signing.BadSignature for anything forged."""
    return signing.loads(token, salt=UNSUBSCRIBE_SALT)


def abandoned_baskets(now=None):
    """Open baskets with lines and a known owner address, untouched for ABANDONED_BASKET_AFTER_HOURS.

    Baskets older than ABANDONED_BASKET_MAX_AGE_DAYS are left alone, so switching reminders on
    does not write to everybody who ever left a basket.
    """
    now = now or timezone.now()
    untouched_since = now - timedelta(hours=settings.ABANDONED_BASKET_AFTER_HOURS)
    too_old = now - timedelta(days=settings.ABANDONED_BASKET_MAX_AGE_DAYS)
    unsubscribed = Unsubscription.objects.filter(email__iexact=OuterRef("owner__email"))
    ordered = Order.objects.filter(basket=OuterRef("pk"))
    return (
        Basket.objects.filter(status=Basket.OPEN, owner__isnull=False, owner__is_active=True)
        .exclude(owner__email="")
        .annotate(last_touched=Max("lines__date_updated"))
        .filter(last_touched__lt=untouched_since, last_touched__gte=too_old)
        .filter(reminder__isnull=True)
        .exclude(Exists(unsubscribed))
        .exclude(Exists(ordered))
        .order_by("pk")
    )


def remind_about_basket(basket_id, now=None):
    """Queue the reminder for one basket if it still qualifies; True when one was queued.

    The basket is re-checked under its row lock: the shopper may have ordered since the sweep.
    """
    with transaction.atomic():
        if not Basket.objects.select_for_update().filter(pk=basket_id).exists():
            return False
        basket = abandoned_baskets(now).filter(pk=basket_id).select_related("owner").first()
        if basket is None:
            return False
        email = basket.owner.email
        # The one-to-one row is the "never twice" guarantee, committed with the queued email.
        reminder, created = BasketReminder.objects.get_or_create(
            basket_id=basket_id, defaults={"email": email}
        )
        if not created:
            return False
        base_url = settings.SHOP_BASE_URL.rstrip("/")
        context = {
            "basket": basket,
            "user": basket.owner,
            "basket_url": base_url + reverse("basket:summary"),
            "unsubscribe_url": base_url
            + reverse("ptashka_notifications:unsubscribe", args=[unsubscribe_token(email)]),
        }
        messages = Dispatcher().get_messages(BASKET_REMINDER, context)
        queue_email(
            email,
            messages["subject"],
            messages["body"],
            messages["html"],
            business_key=f"basket-reminder:{basket_id}",
        )
    return True
