"""Every shop email is in Ptashka's brand: one HTML layout, and a plain-text part that reads as typed.

Each email is made the way the shop makes it (checkout, the status pipeline's notifier, the basket
sweep, the stock digest, Oscar's account and alert dispatchers) and read back from the outbox.
With PTASHKA_EMAIL_PREVIEW_DIR set, each one is also written there (<code>.html and <code>.txt)
to be opened in a browser.
"""

import os
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from oscar.apps.customer.utils import get_password_reset_url
from oscar.core.loading import get_class, get_model
from oscar.templatetags.currency_filters import currency
from oscar.test import factories
from oscar.test.factories import ShippingEventFactory, ShippingEventTypeFactory, UserFactory

from ptashka.notifications.alerts import send_alerts_for_product
from ptashka.notifications.baskets import remind_about_basket
from ptashka.notifications.models import OutgoingEmail
from ptashka.notifications.orders import notify_customer_of_status, notify_managers_of_new_order
from ptashka.notifications.stock import send_low_stock_digest
from tests.shop_fixtures import ADDRESS

Basket = get_model("basket", "Basket")
BasketLine = get_model("basket", "Line")
CommunicationEventType = get_model("communication", "CommunicationEventType")
Order = get_model("order", "Order")
ProductAlert = get_model("customer", "ProductAlert")
Selector = get_class("partner.strategy", "Selector")
CustomerDispatcher = get_class("customer.utils", "CustomerDispatcher")
AlertsDispatcher = get_class("customer.alerts.utils", "AlertsDispatcher")

pytestmark = pytest.mark.django_db

SHIRT = "Men's shirt"
MANAGER = "manager@ptashka.localhost"
PREVIEW_DIR = os.environ.get("PTASHKA_EMAIL_PREVIEW_DIR")


def eur(amount):
    return currency(Decimal(amount), "EUR")


def look_at(code, email):
    """Write the email where a person can open it, when asked to (PTASHKA_EMAIL_PREVIEW_DIR)."""
    if PREVIEW_DIR:
        folder = Path(PREVIEW_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{code.lower()}.html").write_text(email.body_html, encoding="utf-8")
        (folder / f"{code.lower()}.txt").write_text(
            f"Subject: {email.subject}\n\n{email.body_text}\n", encoding="utf-8"
        )


def assert_in_the_brand(email):
    """The layout every email shares, and plain text with no trace of HTML."""
    html, text = email.body_html, email.body_text
    assert "\n" not in email.subject and "\r" not in email.subject and email.subject.strip()
    # the HTML part: the wordmark as text, tables for layout, styles inline, nothing fetched
    assert re.search(r'<html lang="[a-z-]+"', html)
    assert re.search(r'<a href="http://testserver/"[^>]*>Ptashka</a>', html)
    assert 'role="presentation"' in html
    assert "max-width:600px" in html
    assert "<style" not in html and "<img" not in html and "<link" not in html and "class=" not in html
    assert "You are receiving this" in html
    # the text part: no entities, no tags, no runs of empty lines, the same footer
    assert text.startswith("Ptashka\n=======")
    assert "&#" not in text and "&amp;" not in text and "&nbsp;" not in text and "&times;" not in text
    assert "<" not in text and ">" not in text
    assert "\n\n\n" not in text
    assert "You are receiving this" in text


def outbox(recipient, business_key=None):
    emails = OutgoingEmail.objects.filter(recipient=recipient)
    if business_key:
        emails = emails.filter(business_key=business_key)
    return emails.order_by("-pk").first()


@pytest.fixture
def shirt_and_jug(small_shop):
    """A shirt at 30.00 and a jug at 19.50 with 10% off ceramics; Nova Poshta at 5.00."""
    assert small_shop.products  # made on first use, with Ukraine and the Nova Poshta method
    small_shop.add_offer(name="10% off ceramics")
    shirt = small_shop.add_product(title=SHIRT, price="30.00", category=small_shop.textiles)
    jug = small_shop.add_product(title="Kosiv jug", price="19.50")
    return shirt, jug


@pytest.fixture
def guest_order(client, settings, shirt_and_jug, to_preview, django_capture_on_commit_callbacks):
    """A guest's order of two shirts and a jug, placed through checkout."""
    settings.SHOP_MANAGER_EMAILS = [MANAGER]
    to_preview(client, shirt_and_jug, quantity=1)
    basket_line = BasketLine.objects.get(product=shirt_and_jug[0])
    basket_line.quantity = 2
    basket_line.save()
    with django_capture_on_commit_callbacks(execute=True):
        placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed.status_code == 302, placed.content[:500]
    return Order.objects.get()


def test_order_confirmation_lists_lines_discount_shipping_total_address_and_status_link(guest_order):
    order = guest_order
    email = OutgoingEmail.objects.filter(recipient="guest@example.com", subject__contains="confirmed").get()
    look_at("ORDER_PLACED", email)
    assert_in_the_brand(email)
    status_url = "http://testserver" + reverse(
        "customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()}
    )
    placed_on = date_format(timezone.localtime(order.date_placed), "DATETIME_FORMAT")
    assert str(order.number) in email.subject
    for part, shirt in ((email.body_html, "Men&#x27;s shirt"), (email.body_text, SHIRT)):
        assert shirt in part and "Kosiv jug" in part
        assert placed_on in part
        assert eur("60.00") in part  # two shirts
        assert eur("19.50") in part
        assert eur("79.50") in part  # subtotal before the discount
        assert "10% off ceramics" in part and eur("1.95") in part
        assert "Nova Poshta" in part and eur("5.00") in part
        assert eur(order.total_incl_tax) in part and order.total_incl_tax == Decimal("82.55")
        assert "вул. Хрещатик, 1" in part
    assert f'href="{status_url}"' in email.body_html
    assert status_url in email.body_text
    assert "Quantity: 2" in email.body_text


def test_a_signed_up_customer_confirmation_links_to_their_account_order(
    client, settings, shopper, shirt_and_jug, to_preview, django_capture_on_commit_callbacks
):
    client.force_login(shopper)
    for product in shirt_and_jug:
        client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    client.get(reverse("checkout:shipping-method"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    email = OutgoingEmail.objects.filter(recipient=shopper.email, subject__contains="confirmed").get()
    assert_in_the_brand(email)
    status_url = "http://testserver" + reverse("customer:order", kwargs={"order_number": order.number})
    assert f'href="{status_url}"' in email.body_html
    assert status_url in email.body_text


@pytest.mark.parametrize(
    "status, code, says",
    [
        ("Paid", "ORDER_PAID", "We have received your payment of 82.55 EUR"),
        ("Being processed", "ORDER_STATUS_CHANGED", "is now: Being processed"),
        ("Dispatched", "ORDER_DISPATCHED", "Tracking: NP 2045 0011 2233"),
    ],
)
def test_status_emails_say_the_news_and_link_to_the_order(guest_order, status, code, says):
    order = guest_order
    ShippingEventFactory(
        order=order, event_type=ShippingEventTypeFactory(name="Shipped"), notes="NP 2045 0011 2233"
    )
    notify_customer_of_status(order, status)  # once per status: Paid may already be queued by checkout

    email = outbox(order.email, business_key=f"order-status:{order.number}:{status}")
    look_at(code, email)
    assert_in_the_brand(email)
    status_path = reverse(
        "customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()}
    )
    assert f'href="http://testserver{status_path}"' in email.body_html
    assert "http://testserver" + status_path in email.body_text
    assert says in email.body_text
    assert str(order.number) in email.subject
    if code != "ORDER_STATUS_CHANGED":  # paid and dispatched carry the receipt
        assert SHIRT in email.body_text and "Men&#x27;s shirt" in email.body_html
        assert eur("82.55") in email.body_html


def test_manager_gets_the_new_order_with_lines_customer_and_dashboard_link(guest_order):
    order = guest_order
    notify_managers_of_new_order(order)

    email = outbox(MANAGER)
    look_at("NEW_ORDER_FOR_MANAGER", email)
    assert_in_the_brand(email)
    assert email.subject == f"New order {order.number}"
    dashboard = "http://testserver" + reverse("dashboard:order-detail", kwargs={"number": order.number})
    assert f'href="{dashboard}"' in email.body_html and dashboard in email.body_text
    assert SHIRT in email.body_text and "guest@example.com" in email.body_text
    assert eur("82.55") in email.body_text and "10% off ceramics" in email.body_html
    assert "because you handle orders" in email.body_text


def test_basket_reminder_lists_the_basket_and_keeps_its_way_back_and_out(shirt_and_jug):
    shirt, jug = shirt_and_jug
    basket = Basket.objects.create(owner=UserFactory(email="olena@example.com", first_name="Olena"))
    basket.strategy = Selector().strategy()
    basket.add_product(shirt, quantity=2)
    BasketLine.objects.filter(basket=basket).update(date_updated=timezone.now() - timedelta(hours=30))

    assert remind_about_basket(basket.pk)

    email = outbox("olena@example.com")
    look_at("BASKET_REMINDER", email)
    assert_in_the_brand(email)
    unsubscribe = reverse("ptashka_notifications:unsubscribe", args=["TOKEN"]).split("TOKEN")[0]
    for part in (email.body_text, email.body_html):
        assert "http://testserver/basket/" in part
        assert "http://testserver" + unsubscribe in part
    assert f"- {SHIRT} × 2" in email.body_text
    assert "Men&#x27;s shirt" in email.body_html


def test_registration_and_password_reset_are_in_the_brand(client, shopper):
    CustomerDispatcher().send_registration_email_for_user(shopper, {"user": shopper})
    registration = outbox(shopper.email)
    look_at("REGISTRATION", registration)
    assert_in_the_brand(registration)
    assert "Thank you for registering" in registration.body_text

    client.post(reverse("password-reset"), {"email": shopper.email})
    reset = outbox(shopper.email)
    assert reset.pk != registration.pk
    look_at("PASSWORD_RESET", reset)
    assert_in_the_brand(reset)
    reset_url = "http://testserver" + get_password_reset_url(shopper)
    assert reset_url in reset.body_text and f'href="{reset_url}"' in reset.body_html


def test_back_in_stock_alert_names_the_product_as_typed_and_links_to_it(shirt_and_jug):
    shirt = shirt_and_jug[0]
    ProductAlert.objects.create(user=UserFactory(email="waiting@example.com"), product=shirt)

    send_alerts_for_product(shirt.pk)

    email = outbox("waiting@example.com")
    look_at("PRODUCT_ALERT", email)
    assert_in_the_brand(email)
    assert email.subject == f"{SHIRT} is back in stock"
    assert SHIRT in email.body_text and "Men&#x27;s shirt" in email.body_html
    assert "http://testserver" + shirt.get_absolute_url() in email.body_text


def test_low_stock_digest_tables_the_products_to_restock(settings, small_shop):
    settings.SHOP_MANAGER_EMAILS = [MANAGER]
    small_shop.add_product(title=SHIRT, price="30.00", stock=1, category=small_shop.textiles)

    assert send_low_stock_digest() == 1

    email = outbox(MANAGER)
    look_at("LOW_STOCK_DIGEST", email)
    assert_in_the_brand(email)
    assert "Low stock: 1 product" in email.subject
    assert SHIRT in email.body_text and "Men&#x27;s shirt" in email.body_html
    assert '<th scope="col"' in email.body_html  # a data table, read as one


@pytest.mark.parametrize(
    "code, send, says",
    [
        (
            "REGISTRATION_ATTEMPT",
            lambda user: CustomerDispatcher().send_registration_attempt_email_for_user(
                user,
                {
                    "user": user,
                    "login_url": reverse("customer:login"),
                    "reset_url": reverse("password-reset"),
                },
            ),
            "http://testserver/accounts/login/",
        ),
        (
            "PASSWORD_CHANGED",
            lambda user: CustomerDispatcher().send_password_changed_email_for_user(
                user, {"user": user, "reset_url": get_password_reset_url(user)}
            ),
            "your password has been changed at Ptashka",
        ),
        (
            "EMAIL_CHANGED",
            lambda user: CustomerDispatcher().send_email_changed_email_for_user(
                user,
                {"user": user, "reset_url": get_password_reset_url(user), "new_email": "o'brien@example.com"},
            ),
            "changed to o'brien@example.com",
        ),
    ],
)
def test_account_emails_are_in_the_brand(shopper, code, send, says):
    send(shopper)

    email = outbox(shopper.email)
    look_at(code, email)
    assert_in_the_brand(email)
    assert says in email.body_text
    assert "/password-reset/" in email.body_text


def test_stock_alert_confirmation_links_to_confirm_and_cancel(shirt_and_jug):
    alert = ProductAlert.objects.create(email="guest@example.com", product=shirt_and_jug[0], key="k3y")

    AlertsDispatcher().send_product_alert_confirmation_email_for_user(alert)

    email = outbox("guest@example.com")
    look_at("PRODUCT_ALERT_CONFIRMATION", email)
    assert_in_the_brand(email)
    assert email.subject == f"Confirm your stock alert for {SHIRT}"
    for url in (alert.get_confirm_url(), alert.get_cancel_url()):
        assert "http://testserver" + url in email.body_text
        assert f'href="http://testserver{url}"' in email.body_html


def test_the_footer_gives_the_shops_address_and_contact_once_a_deployment_sets_them(settings, shopper):
    settings.SHOP_POSTAL_ADDRESS = "вул. Січових Стрільців, 5\nЛьвів 79000"
    settings.SHOP_CONTACT_EMAIL = "hello@ptashka.example"
    settings.SHOP_CONTACT_PHONE = "+380 32 123 4567"

    CustomerDispatcher().send_registration_email_for_user(shopper, {"user": shopper})

    email = outbox(shopper.email)
    assert_in_the_brand(email)
    assert "вул. Січових Стрільців, 5<br>Львів 79000" in email.body_html
    assert 'href="mailto:hello@ptashka.example"' in email.body_html
    assert 'href="tel:+380321234567"' in email.body_html
    assert "вул. Січових Стрільців, 5\nЛьвів 79000" in email.body_text
    assert "or write to hello@ptashka.example · +380 32 123 4567" in email.body_text


def test_without_contact_settings_the_footer_asks_for_a_reply_and_names_no_address(shopper):
    CustomerDispatcher().send_registration_email_for_user(shopper, {"user": shopper})

    email = outbox(shopper.email)
    assert "Questions? Reply to this email\n" in email.body_text + "\n"
    assert "mailto:" not in email.body_html and "tel:" not in email.body_html


def test_a_variant_line_names_its_variant_under_the_title(settings):
    settings.SHOP_MANAGER_EMAILS = [MANAGER]
    parent = factories.create_product(title="Vyshyvanka", structure="parent", product_class="Shirts")
    child = factories.create_product(
        title="",
        parent=parent,
        product_class="Shirts",
        attributes={"size": "M"},
        price="45.00",
        num_in_stock=3,
    )
    basket = factories.create_basket(empty=True)
    basket.add_product(child)
    order = factories.create_order(basket=basket)

    notify_managers_of_new_order(order)

    email = outbox(MANAGER)
    assert "* Vyshyvanka\n  size: M\n" in email.body_text
    assert "Vyshyvanka</strong>" in email.body_html and "size: M</span>" in email.body_html
