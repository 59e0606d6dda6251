"""PayPal webhooks: verified through PayPal's verify-signature API, applied once, order-independent."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from ptashka.payments.models import CheckoutPayment, ProviderEvent
from ptashka.payments.paypal_gateway import PayPalGateway

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")

pytestmark = pytest.mark.django_db

WEBHOOK = "/payments/paypal/webhook/"


def deliver(client, delivery, **header_changes):
    body, headers = delivery
    headers = {**headers, **header_changes}
    meta = {f"HTTP_{name.replace('-', '_')}": value for name, value in headers.items() if value is not None}
    return client.post(WEBHOOK, data=body, content_type="application/json", **meta)


@pytest.fixture
def placed(client, small_shop, to_preview, paypal_settings):
    """A PayPal order placed at the shop, its buyer sent to PayPal; nothing has come back yet."""
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"gateway": "paypal"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    return order, CheckoutPayment.objects.get(order_number=order.number)


@pytest.fixture
def captured_at_paypal(placed, paypal):
    """The buyer approved and PayPal captured, but the shop has not heard of it yet."""
    order, payment = placed
    paypal.approve(payment.reference)
    # what the return page would do, minus telling the shop
    PayPalGateway().complete_approved(payment.reference, idempotency_key=f"order-{order.number}-complete-1")
    assert Order.objects.get().status == "Pending"
    capture = paypal.orders[payment.reference]["purchase_units"][0]["payments"]["captures"][0]
    return order, payment, capture


def nothing_changed(order):
    order.refresh_from_db()
    return (
        order.status == "Pending" and not order.payment_events.exists() and not ProviderEvent.objects.exists()
    )


def test_a_verified_capture_completed_event_makes_the_order_paid(client, captured_at_paypal, paypal):
    order, payment, capture = captured_at_paypal
    delivery = paypal.webhook_delivery("PAYMENT.CAPTURE.COMPLETED", capture, event_id="WH-PAID-1")

    answer = deliver(client, delivery)

    assert answer.status_code == 200
    assert answer.json() == {"received": "WH-PAID-1", "applied": True}
    order.refresh_from_db()
    assert order.status == "Paid"
    assert list(order.payment_events.values_list("event_type__name", "amount", "reference")) == [
        ("Paid", Decimal("57.50"), "WH-PAID-1")
    ]
    assert ProviderEvent.objects.get().payment_reference == payment.reference


def test_an_approval_event_is_only_read_and_captures_nothing(client, placed, paypal):
    order, payment = placed
    paypal.approve(payment.reference)
    order_resource = paypal.order(payment.reference)

    answer = deliver(client, paypal.webhook_delivery("CHECKOUT.ORDER.APPROVED", order_resource))

    assert answer.status_code == 200
    order.refresh_from_db()
    assert order.status == "Pending"  # the shopper's return takes the money, not a webhook
    assert paypal.orders[payment.reference]["status"] == "APPROVED"
    assert not any(path.endswith("/capture") for _method, path, _key in paypal.calls)


def test_a_forged_signature_is_refused_and_changes_nothing(client, captured_at_paypal, paypal):
    order, payment, capture = captured_at_paypal

    answer = deliver(client, paypal.webhook_delivery("PAYMENT.CAPTURE.COMPLETED", capture, forged=True))

    assert answer.status_code == 400
    assert nothing_changed(order)


def test_a_changed_body_under_a_genuine_signature_is_refused(client, captured_at_paypal, paypal):
    order, payment, capture = captured_at_paypal
    body, headers = paypal.webhook_delivery("PAYMENT.CAPTURE.COMPLETED", capture)

    answer = deliver(client, (body.replace(b"57.50", b"0.01"), headers))

    assert answer.status_code == 400
    assert nothing_changed(order)


def test_a_stale_delivery_replayed_later_is_refused_and_changes_nothing(client, captured_at_paypal, paypal):
    order, payment, capture = captured_at_paypal
    ten_minutes_ago = datetime.now(UTC) - timedelta(minutes=10)

    answer = deliver(
        client, paypal.webhook_delivery("PAYMENT.CAPTURE.COMPLETED", capture, sent_at=ten_minutes_ago)
    )

    assert answer.status_code == 400
    assert "stale" in answer.content.decode()
    assert nothing_changed(order)


def test_a_delivery_for_another_webhook_id_is_refused(client, captured_at_paypal, paypal, paypal_settings):
    order, payment, capture = captured_at_paypal
    paypal_settings.PAYPAL_WEBHOOK_ID = "WH-SOMEONE-ELSES"

    answer = deliver(client, paypal.webhook_delivery("PAYMENT.CAPTURE.COMPLETED", capture))

    assert answer.status_code == 400
    assert nothing_changed(order)


@pytest.mark.parametrize(
    "header",
    ["PAYPAL-TRANSMISSION-SIG", "PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-TIME", "PAYPAL-CERT-URL"],
)
def test_a_delivery_missing_a_signature_header_is_refused(client, captured_at_paypal, paypal, header):
    order, payment, capture = captured_at_paypal

    answer = deliver(client, paypal.webhook_delivery("PAYMENT.CAPTURE.COMPLETED", capture), **{header: None})

    assert answer.status_code == 400
    assert header in answer.content.decode()
    assert nothing_changed(order)
    assert not any("verify-webhook-signature" in path for _m, path, _k in paypal.calls)


@pytest.mark.parametrize("body", [b"not json at all", b"[1, 2, 3]", b"\xff\xfe", b'{"id": "WH-1"}'])
def test_a_body_that_is_not_an_event_is_refused(client, captured_at_paypal, paypal, body):
    order, payment, capture = captured_at_paypal
    _genuine, headers = paypal.webhook_delivery("PAYMENT.CAPTURE.COMPLETED", capture)

    answer = deliver(client, (body, headers))

    assert answer.status_code == 400
    assert nothing_changed(order)


def test_a_get_request_to_the_webhook_is_not_allowed(client, paypal_settings):
    assert client.get(WEBHOOK).status_code == 405


def test_second_delivery_of_same_webhook_changes_nothing(client, captured_at_paypal, paypal):
    order, payment, capture = captured_at_paypal
    deliver(client, paypal.webhook_delivery("PAYMENT.CAPTURE.COMPLETED", capture, event_id="WH-TWICE"))

    again = deliver(
        client, paypal.webhook_delivery("PAYMENT.CAPTURE.COMPLETED", capture, event_id="WH-TWICE")
    )

    assert again.status_code == 200
    assert again.json()["applied"] is False
    assert order.payment_events.count() == 1
    assert order.sources.get().amount_debited == Decimal("57.50")
    assert ProviderEvent.objects.count() == 1


def test_events_arriving_out_of_order_leave_the_order_paid(client, captured_at_paypal, paypal):
    order, payment, capture = captured_at_paypal
    approved_earlier = paypal.webhook_delivery("CHECKOUT.ORDER.APPROVED", paypal.order(payment.reference))
    denied = {**capture, "status": "DENIED"}

    deliver(client, paypal.webhook_delivery("PAYMENT.CAPTURE.COMPLETED", capture))
    deliver(client, approved_earlier)  # late: the approval came before the capture
    deliver(client, paypal.webhook_delivery("PAYMENT.CAPTURE.DENIED", denied))  # a stray denial

    order.refresh_from_db()
    assert order.status == "Paid"
    assert list(order.payment_events.values_list("event_type__name", flat=True)) == ["Paid"]
    assert len(paypal.orders[payment.reference]["purchase_units"][0]["payments"]["captures"]) == 1


def test_a_refund_made_in_paypals_own_dashboard_is_recorded_once(client, captured_at_paypal, paypal):
    order, payment, capture = captured_at_paypal
    deliver(client, paypal.webhook_delivery("PAYMENT.CAPTURE.COMPLETED", capture))
    # refunded by the merchant at PayPal: the refund names its capture, not the order
    refund = paypal.refund(capture["id"], {"amount": {"value": "7.50", "currency_code": "EUR"}})
    delivery = paypal.webhook_delivery("PAYMENT.CAPTURE.REFUNDED", refund)

    deliver(client, delivery)
    deliver(client, paypal.webhook_delivery("PAYMENT.CAPTURE.REFUNDED", refund))  # a second event id

    order.refresh_from_db()
    assert order.sources.get().amount_refunded == Decimal("7.50")
    events = list(order.payment_events.order_by("pk").values_list("event_type__name", "amount", "reference"))
    assert events == [("Paid", Decimal("57.50"), events[0][2]), ("Refunded", Decimal("7.50"), refund["id"])]


def test_authorisation_events_hold_the_money_and_a_void_cancels_the_order(
    client, small_shop, to_preview, paypal_settings, paypal
):
    paypal_settings.PAYMENTS_CAPTURE = "at_dispatch"
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"gateway": "paypal"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    payment = CheckoutPayment.objects.get(order_number=order.number)
    paypal.approve(payment.reference)
    PayPalGateway().complete_approved(payment.reference, idempotency_key=f"order-{order.number}-complete-1")
    authorization = paypal.orders[payment.reference]["purchase_units"][0]["payments"]["authorizations"][0]

    deliver(client, paypal.webhook_delivery("PAYMENT.AUTHORIZATION.CREATED", authorization))
    order.refresh_from_db()
    assert order.status == "Authorised"
    paypal.void(authorization["id"])  # voided in PayPal's dashboard
    deliver(
        client,
        paypal.webhook_delivery("PAYMENT.AUTHORIZATION.VOIDED", paypal.authorizations[authorization["id"]]),
    )

    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert list(order.payment_events.order_by("pk").values_list("event_type__name", flat=True)) == [
        "Authorised",
        "Cancelled",
    ]


def test_paypal_unavailable_while_applying_asks_paypal_to_deliver_again(client, captured_at_paypal, paypal):
    order, payment, capture = captured_at_paypal
    delivery = paypal.webhook_delivery("PAYMENT.CAPTURE.COMPLETED", capture, event_id="WH-LATER")
    verify = paypal.verify_webhook_signature

    def verify_then_fail(data):
        answer = verify(data)
        paypal.outage = True  # PayPal goes down between verifying and reading the order
        return answer

    paypal.verify_webhook_signature = verify_then_fail
    try:
        answer = deliver(client, delivery)
    finally:
        del paypal.verify_webhook_signature
        paypal.outage = False

    assert answer.status_code == 503
    assert nothing_changed(order)
    assert deliver(client, delivery).status_code == 200  # the redelivery is applied
    assert Order.objects.get().status == "Paid"


def test_the_webhook_of_an_unconfigured_paypal_is_not_found(client, settings):
    settings.PAYPAL_CLIENT_ID = ""

    assert client.post(WEBHOOK, data=b"{}", content_type="application/json").status_code == 404
