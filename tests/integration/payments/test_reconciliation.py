"""Reconciliation: payments whose news never reached the shop, and unpaid ones left too long."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from ptashka.payments.facade import reconcile_payments
from ptashka.payments.models import CheckoutPayment
from ptashka.payments.stripe_gateway import StripeGateway
from tests.fakes.localstripe_process import card_token, free_port

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = [pytest.mark.localstripe, pytest.mark.django_db]


@pytest.fixture
def stripe_order(client, small_shop, to_preview, stripe_settings):
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"gateway": "stripe"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    return order, CheckoutPayment.objects.get(order_number=order.number)


def later(minutes):
    return timezone.now() + timedelta(minutes=minutes)


def test_a_payment_whose_webhook_never_came_brings_its_order_up_to_date(stripe_order, stripe_settings):
    order, payment = stripe_order
    # the shopper paid at Stripe, then closed the tab; the webhook was lost
    StripeGateway().pay_with_token(payment.reference, card_token(stripe_settings.STRIPE_API_BASE))

    outcome = reconcile_payments()

    assert outcome == {"succeeded": 1}
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.sources.get().amount_debited == order.total_incl_tax
    # and a second run finds nothing left to do
    assert reconcile_payments() == {}


def test_an_unpaid_order_older_than_the_expiry_is_cancelled_and_its_stock_released(stripe_order, small_shop):
    order, payment = stripe_order
    stock = small_shop.product.stockrecords.get()
    assert stock.num_allocated == 1

    assert reconcile_payments(now=later(settings.PAYMENTS_UNPAID_EXPIRY_MINUTES - 1)) == {
        "requires_action": 1
    }
    outcome = reconcile_payments(now=later(settings.PAYMENTS_UNPAID_EXPIRY_MINUTES + 1))

    assert outcome == {"cancelled": 1}
    order.refresh_from_db()
    assert order.status == "Cancelled"
    stock.refresh_from_db()
    assert stock.num_allocated == 0
    assert StripeGateway().fetch_state(payment.reference).status == "cancelled"


def test_a_crash_between_starting_the_payment_and_creating_the_order_is_healed(
    client, small_shop, to_preview, stripe_settings, monkeypatch
):
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"gateway": "stripe"})

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("the worker died here")  # not an Exception: nothing in checkout catches it

    monkeypatch.setattr("forked_apps.checkout.views.PaymentDetailsView.place_order", crash)
    with pytest.raises(KeyboardInterrupt):
        client.post(reverse("checkout:preview"), {"action": "place_order"})
    payment = CheckoutPayment.objects.get()
    assert Order.objects.count() == 0
    assert Basket.objects.get().status == Basket.FROZEN

    outcome = reconcile_payments(now=later(settings.PAYMENTS_UNPAID_EXPIRY_MINUTES + 1))

    assert outcome == {"cancelled": 1}
    payment.refresh_from_db()
    assert payment.status == "cancelled"
    assert StripeGateway().fetch_state(payment.reference).status == "cancelled"  # it can never be charged
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN  # and the shopper has the basket back
    assert basket.num_items == 2


def test_stripe_down_during_reconciliation_postpones_and_changes_nothing(stripe_order, stripe_settings):
    order, payment = stripe_order
    stripe_settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"

    outcome = reconcile_payments(now=later(settings.PAYMENTS_UNPAID_EXPIRY_MINUTES + 1))

    assert outcome == {"postponed": 1}
    order.refresh_from_db()
    assert order.status == "Pending"
    payment.refresh_from_db()
    assert payment.status == "requires_action"


def test_reconciliation_runs_every_fifteen_minutes_on_the_payments_queue():
    entry = settings.CELERY_BEAT_SCHEDULE["reconcile-payments"]

    assert entry["task"] == "ptashka.payments.tasks.reconcile_payments"
    assert entry["schedule"].minute == set(range(0, 60, 15))
    from ptashka.payments.tasks import reconcile_payments_task

    assert reconcile_payments_task.name == entry["task"]
