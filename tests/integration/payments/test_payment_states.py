"""Provider states move orders forward only, whatever order they arrive in."""

from decimal import Decimal

import pytest
from oscar.test.factories import create_order

from ptashka.payments import gateway as states
from ptashka.payments.gateway import PaymentState
from ptashka.payments.models import CheckoutPayment
from ptashka.payments.order_pipeline import apply_payment_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_order():
    order = create_order(status="Pending")
    payment = CheckoutPayment.objects.create(
        gateway="stripe",
        reference="pi_1",
        order_number=order.number,
        amount=order.total_incl_tax,
        currency="EUR",
    )
    return order, payment


def state(status, amount):
    captured = amount if status == states.SUCCEEDED else Decimal("0.00")
    return PaymentState("pi_1", status, amount, "EUR", amount_captured=captured)


def test_success_then_a_late_failure_leaves_the_order_paid(pending_order):
    order, payment = pending_order

    apply_payment_state("stripe", state(states.SUCCEEDED, order.total_incl_tax))
    apply_payment_state("stripe", state(states.FAILED, order.total_incl_tax))

    order.refresh_from_db()
    assert order.status == "Paid"
    assert list(order.payment_events.values_list("event_type__name", flat=True)) == ["Paid"]


def test_the_same_success_twice_debits_once(pending_order):
    order, payment = pending_order

    apply_payment_state("stripe", state(states.SUCCEEDED, order.total_incl_tax))
    apply_payment_state("stripe", state(states.SUCCEEDED, order.total_incl_tax))

    assert order.sources.get().amount_debited == order.total_incl_tax
    assert order.payment_events.count() == 1


def test_a_failure_then_a_success_makes_the_order_paid(pending_order):
    order, payment = pending_order

    apply_payment_state("stripe", state(states.FAILED, order.total_incl_tax))
    apply_payment_state("stripe", state(states.SUCCEEDED, order.total_incl_tax))

    order.refresh_from_db()
    assert order.status == "Paid"
    names = list(order.payment_events.order_by("pk").values_list("event_type__name", flat=True))
    assert names == ["Declined", "Paid"]


def test_a_cancellation_cancels_the_order_and_a_later_success_does_not_revive_it(pending_order):
    order, payment = pending_order

    apply_payment_state("stripe", state(states.CANCELLED, order.total_incl_tax))
    apply_payment_state("stripe", state(states.SUCCEEDED, order.total_incl_tax))

    order.refresh_from_db()
    assert order.status == "Cancelled"
    payment.refresh_from_db()
    assert payment.status == "cancelled"
