"""Refunds and captures call the provider with no row lock held: the locks are taken only to record.

While the real call to the PayPal fake is in flight, a second database connection can lock the
order's row and its payments' rows at once (NOWAIT): nobody else's checkout, webhook or dashboard
click waits on a slow provider.
"""

from decimal import Decimal

import pytest
from django.db import connections
from django.urls import reverse
from oscar.core.loading import get_model

from ptashka.payments import facade
from ptashka.payments.models import CheckoutPayment
from ptashka.payments.paypal_gateway import PayPalGateway
from tests.integration.payments.test_paypal_checkout import at_paypal, place_paypal_order

Order = get_model("order", "Order")

# Committed rows, so that another connection sees them and could wait on their locks; serialized
# rollback puts back what migrations made (content types…) that the flush after a test removes.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def rows_lockable_elsewhere(order_number):
    """How many of the order's and its payments' rows a second connection locks without waiting."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {Order._meta.db_table} WHERE number = %s FOR UPDATE NOWAIT", [order_number]
            )
            orders = len(cursor.fetchall())
            cursor.execute(
                f"SELECT id FROM {CheckoutPayment._meta.db_table} WHERE order_number = %s FOR UPDATE NOWAIT",
                [order_number],
            )
            return orders, len(cursor.fetchall())
    finally:
        other.close()


@pytest.fixture
def probe_during(monkeypatch):
    """Wrap one real gateway method so that, just before it calls the provider, the locks are probed."""
    seen = []

    def wrap(name):
        real = getattr(PayPalGateway, name)

        def probing(self, reference, **kwargs):
            payment = CheckoutPayment.objects.get(reference=reference)
            seen.append(rows_lockable_elsewhere(payment.order_number))  # raises if a lock is held
            return real(self, reference, **kwargs)

        monkeypatch.setattr(PayPalGateway, name, probing)
        return seen

    return wrap


def paypal_order_through_checkout(client, small_shop, to_preview):
    place_paypal_order(client, small_shop, to_preview)
    client.get(at_paypal(client.get(reverse("checkout:pay"))["Location"], "approve"))
    return Order.objects.get()


def test_a_refund_reaches_paypal_with_no_lock_held_and_is_recorded_once(
    client, small_shop, to_preview, paypal_settings, paypal, probe_during
):
    order = paypal_order_through_checkout(client, small_shop, to_preview)
    assert order.status == "Paid"
    seen = probe_during("refund")

    refund, created = facade.refund(order.number, Decimal("10.00"), "tok-no-lock", "manager")

    assert seen == [(1, 1)]  # the order's row and its payment's row were free while PayPal was asked
    assert created and refund.amount == Decimal("10.00")
    assert len(paypal.refunds) == 1
    order.refresh_from_db()
    assert order.sources.get().amount_refunded == Decimal("10.00")


def test_a_capture_at_dispatch_reaches_paypal_with_no_lock_held(
    client, small_shop, to_preview, paypal_settings, paypal, probe_during
):
    paypal_settings.PAYMENTS_CAPTURE = "at_dispatch"
    order = paypal_order_through_checkout(client, small_shop, to_preview)
    assert order.status == "Authorised"
    seen = probe_during("capture")

    facade.capture_payment(order)

    assert seen == [(1, 1)]
    assert CheckoutPayment.objects.get().status == "succeeded"
    assert order.sources.get().amount_debited == Decimal("57.50")
