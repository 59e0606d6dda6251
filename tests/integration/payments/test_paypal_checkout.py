"""Checkout through PayPal on the fake: approval at PayPal, back to the shop, paid; cancel, decline, outage"""

from decimal import Decimal
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from ptashka.payments.facade import reconcile_payments
from ptashka.payments.models import CheckoutPayment, PaymentRefund
from ptashka.payments.registry import gateways_for_currency

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


def place_paypal_order(client, shop, to_preview):
    to_preview(client, shop.products)
    client.post(reverse("checkout:preview"), {"gateway": "paypal"})
    return client.post(
        reverse("checkout:preview"), {"action": "place_order", "amount": "1", "currency": "USD"}
    )


def at_paypal(approval_url, button):
    """The buyer's browser on PayPal's approval page presses a button; returns where PayPal sends it."""
    page = requests.get(approval_url, timeout=5)
    assert page.status_code == 200 and f'id="{button}"' in page.text
    url = urlsplit(approval_url)
    pressed = requests.post(
        f"{url.scheme}://{url.netloc}/checkoutnow/{button}?{url.query}", allow_redirects=False, timeout=5
    )
    assert pressed.status_code == 303
    back = urlsplit(pressed.headers["Location"])
    assert back.netloc == "testserver"  # SHOP_BASE_URL of the test settings
    return f"{back.path}?{back.query}"


@pytest.fixture
def sent_to_paypal(client, small_shop, to_preview, paypal_settings):
    """A guest placed a PayPal order and was sent on to PayPal's approval page."""
    placed = place_paypal_order(client, small_shop, to_preview)
    assert placed.status_code == 302
    assert placed["Location"] == reverse("checkout:pay")
    pay = client.get(reverse("checkout:pay"))
    assert pay.status_code == 302
    order = Order.objects.get()
    return order, CheckoutPayment.objects.get(order_number=order.number), pay["Location"]


def test_paypal_is_offered_for_a_euro_basket_but_not_for_hryvnias(
    client, small_shop, to_preview, paypal_settings
):
    page = to_preview(client, small_shop.products)

    assert 'value="paypal"' in page.content.decode()
    assert [gateway.code for gateway in gateways_for_currency("UAH")] == []


def test_placing_a_paypal_order_sends_the_shopper_to_approve_the_shops_own_total(sent_to_paypal, paypal):
    order, payment, approval_url = sent_to_paypal

    assert approval_url == f"{paypal.base_url}/checkoutnow?token={payment.reference}"
    assert order.status == "Pending"
    amount = paypal.orders[payment.reference]["purchase_units"][0]["amount"]
    # the shop's total (12.00 + 40.50 + 5.00 shipping), not what the browser posted
    assert amount == {"currency_code": "EUR", "value": "57.50"} and order.total_incl_tax == Decimal("57.50")


def test_approving_at_paypal_and_coming_back_makes_the_order_paid(client, sent_to_paypal):
    order, payment, approval_url = sent_to_paypal

    back = client.get(at_paypal(approval_url, "approve"))

    assert back.status_code == 302
    assert back["Location"] == reverse("checkout:thank-you")
    order.refresh_from_db()
    assert order.status == "Paid"
    assert [(event.event_type.name, event.amount) for event in order.payment_events.all()] == [
        ("Paid", order.total_incl_tax)
    ]
    source = order.sources.get()
    assert (source.source_type.code, source.reference) == ("paypal", payment.reference)
    assert source.amount_debited == order.total_incl_tax == Decimal("57.50")


def test_cancelling_at_paypal_brings_the_shopper_back_to_try_again(client, sent_to_paypal):
    order, payment, approval_url = sent_to_paypal

    back = client.get(at_paypal(approval_url, "cancel"))

    assert back.status_code == 200
    page = back.content.decode()
    assert "You cancelled the payment at PayPal" in page
    assert f'href="{approval_url}"' in page  # the way to try again
    assert "card-element" not in page
    order.refresh_from_db()
    assert order.status == "Pending"
    # and trying again works
    assert client.get(at_paypal(approval_url, "approve"))["Location"] == reverse("checkout:thank-you")
    assert Order.objects.get().status == "Paid"


def test_a_funding_source_paypal_declines_shows_why_and_lets_the_shopper_choose_another(
    client, sent_to_paypal
):
    order, payment, approval_url = sent_to_paypal

    back = client.get(at_paypal(approval_url, "decline"), follow=True)

    page = back.content.decode()
    assert "PayPal could not take this payment" in page
    assert f'href="{approval_url}"' in page
    order.refresh_from_db()
    assert order.status == "Pending"
    assert [event.event_type.name for event in order.payment_events.all()] == ["Declined"]
    client.get(at_paypal(approval_url, "approve"))
    assert Order.objects.get().status == "Paid"


def test_a_shopper_who_approved_but_opens_the_pay_page_instead_of_returning_is_paid(
    client, sent_to_paypal, paypal
):
    order, payment, approval_url = sent_to_paypal
    paypal.approve(payment.reference)

    pay = client.get(reverse("checkout:pay"))

    # Opening the pay page only reads; it sends the shopper on to the return, which takes the money.
    assert pay.status_code == 302
    assert pay["Location"] == reverse("checkout:payment-return")
    assert paypal.orders[payment.reference]["status"] == "APPROVED"
    assert client.get(pay["Location"])["Location"] == reverse("checkout:thank-you")
    assert Order.objects.get().status == "Paid"


def test_a_return_naming_another_paypal_order_is_refused_and_changes_nothing(client, sent_to_paypal, paypal):
    order, payment, approval_url = sent_to_paypal
    paypal.approve(payment.reference)

    refused = client.get(reverse("checkout:payment-return"), {"token": "5OSOMEONEELSE", "PayerID": "X"})

    assert refused.status_code == 400
    assert Order.objects.get().status == "Pending"
    assert paypal.orders[payment.reference]["status"] == "APPROVED"  # not captured


def test_paypal_unavailable_when_placing_keeps_the_basket_and_makes_no_order(
    client, small_shop, to_preview, paypal_settings, paypal
):
    paypal.outage = True

    refused = place_paypal_order(client, small_shop, to_preview)

    assert refused.status_code == 200
    assert "payment service is unavailable" in refused.content.decode()
    assert Order.objects.count() == 0
    assert Basket.objects.get().status == Basket.OPEN


def test_paypal_unavailable_on_the_pay_page_says_so_and_offers_to_try_again(
    client, small_shop, to_preview, paypal_settings, paypal
):
    place_paypal_order(client, small_shop, to_preview)
    paypal.outage = True

    page = client.get(reverse("checkout:pay"))

    assert page.status_code == 200
    content = page.content.decode()
    assert "payment service is unavailable" in content
    assert 'id="paypal-retry-link"' in content
    assert "card-element" not in content
    assert Order.objects.get().status == "Pending"


def test_with_capture_at_dispatch_paypal_authorises_then_captures_when_dispatched(
    client, small_shop, to_preview, paypal_settings, paypal
):
    paypal_settings.PAYMENTS_CAPTURE = "at_dispatch"
    place_paypal_order(client, small_shop, to_preview)
    approval_url = client.get(reverse("checkout:pay"))["Location"]
    client.get(at_paypal(approval_url, "approve"))
    order = Order.objects.get()
    assert order.status == "Authorised"
    assert order.sources.get().amount_allocated == Decimal("57.50")

    handler = get_class("order.processing", "EventHandler")()
    handler.handle_order_status_change(order, "Being processed")
    handler.handle_order_status_change(order, "Dispatched")

    payment = CheckoutPayment.objects.get(order_number=order.number)
    assert payment.status == "succeeded"
    assert order.sources.get().amount_debited == Decimal("57.50")
    captures = paypal.orders[payment.reference]["purchase_units"][0]["payments"]["captures"]
    assert [capture["amount"]["value"] for capture in captures] == ["57.50"]


def test_reconciliation_never_captures_an_approved_order_whose_shopper_never_came_back(
    sent_to_paypal, paypal
):
    order, payment, approval_url = sent_to_paypal
    paypal.approve(payment.reference)  # approved at PayPal, then the tab was closed; no webhook came

    outcome = reconcile_payments()

    assert outcome == {"requires_action": 1}
    order.refresh_from_db()
    assert order.status == "Pending"
    assert paypal.orders[payment.reference]["status"] == "APPROVED"  # only the shopper's return captures


def test_reconciliation_gives_up_an_unapproved_order_and_it_can_no_longer_be_captured(sent_to_paypal, paypal):
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    order, payment, approval_url = sent_to_paypal

    outcome = reconcile_payments(
        now=timezone.now() + timedelta(minutes=settings.PAYMENTS_UNPAID_EXPIRY_MINUTES + 1)
    )
    paypal.approve(payment.reference)  # the buyer approves much later
    reconcile_payments()

    assert outcome == {"cancelled": 1}
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert paypal.orders[payment.reference]["status"] == "APPROVED"  # never captured


@pytest.fixture
def paid_paypal_order(client, sent_to_paypal):
    order, payment, approval_url = sent_to_paypal
    client.get(at_paypal(approval_url, "approve"))
    order.refresh_from_db()
    assert order.status == "Paid"
    return order, payment


@pytest.fixture
def manager_client(client):
    manager = get_user_model().objects.create_superuser("manager", "manager@example.com", "pw")
    client.logout()
    client.force_login(manager)
    return client


def test_a_dashboard_refund_of_a_paypal_order_reaches_paypal_once(manager_client, paid_paypal_order, paypal):
    order, payment = paid_paypal_order
    url = reverse("dashboard:order-refund", args=[order.number])

    answer = manager_client.post(url, {"token": "tok-1", "amount": "10.00"}, follow=True)
    manager_client.post(url, {"token": "tok-1", "amount": "10.00"}, follow=True)  # a double click

    assert "Refunded 10.00 EUR" in answer.content.decode()
    assert list(paypal.refunds.values())[0]["amount"] == {"currency_code": "EUR", "value": "10.00"}
    assert len(paypal.refunds) == 1
    refund = PaymentRefund.objects.get()
    assert refund.provider_reference in paypal.refunds
    order.refresh_from_db()
    assert order.sources.get().amount_refunded == Decimal("10.00")
    refund_keys = [key for method, path, key in paypal.calls if path.endswith("/refund")]
    assert refund_keys == [f"{order.number}-refund-tok-1"]


def test_refunding_the_rest_of_a_paypal_order_marks_it_refunded(manager_client, paid_paypal_order, paypal):
    order, payment = paid_paypal_order
    url = reverse("dashboard:order-refund", args=[order.number])

    manager_client.post(url, {"token": "a", "amount": "7.50"})
    manager_client.post(url, {"token": "b"})

    order.refresh_from_db()
    assert order.status == "Refunded"
    capture = paypal.orders[payment.reference]["purchase_units"][0]["payments"]["captures"][0]
    assert capture["status"] == "REFUNDED"
