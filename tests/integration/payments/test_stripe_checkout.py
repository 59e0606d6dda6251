"""Checkout through Stripe on localstripe: the payment page, declines, outages and idempotency keys."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from ptashka.payments.models import CheckoutPayment
from ptashka.payments.stripe_gateway import StripeGateway
from tests.fakes.localstripe_process import card_token

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = [pytest.mark.localstripe, pytest.mark.django_db]


def place_stripe_order(client, shop, to_preview):
    to_preview(client, shop.products)
    client.post(reverse("checkout:preview"), {"gateway": "stripe"})
    return client.post(
        reverse("checkout:preview"), {"action": "place_order", "amount": "1", "currency": "USD"}
    )


def test_stripe_order_waits_on_the_payment_page_for_the_server_side_total(
    client, small_shop, to_preview, stripe_settings
):
    placed = place_stripe_order(client, small_shop, to_preview)

    assert placed.status_code == 302
    assert placed["Location"] == reverse("checkout:pay")
    order = Order.objects.get()
    assert order.status == "Pending"
    payment = CheckoutPayment.objects.get(order_number=order.number)
    intent = StripeGateway().fetch_state(payment.reference)
    # the intent is for the shop's own total (12.00 + 40.50 + 5.00 shipping), not what the browser sent
    assert (intent.amount, intent.currency) == (order.total_incl_tax, "EUR") == (Decimal("57.50"), "EUR")
    page = client.get(reverse("checkout:pay"))
    assert page.status_code == 200
    assert f"{stripe_settings.STRIPE_API_BASE}/js.stripe.com/v3/" in page.content.decode()
    assert "card-element" in page.content.decode()


def test_paying_with_a_card_token_makes_the_order_paid(client, small_shop, to_preview, stripe_settings):
    place_stripe_order(client, small_shop, to_preview)

    paid = client.post(reverse("checkout:pay"), {"token": card_token(stripe_settings.STRIPE_API_BASE)})
    back = client.get(paid.json()["next"])

    assert back.status_code == 302
    assert back["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.status == "Paid"
    assert [(event.event_type.name, event.amount) for event in order.payment_events.all()] == [
        ("Paid", Decimal("57.50"))
    ]
    assert order.sources.get().amount_debited == Decimal("57.50")


def test_a_declined_card_shows_stripes_reason_and_the_order_stays_pending(
    client, small_shop, to_preview, stripe_settings
):
    place_stripe_order(client, small_shop, to_preview)

    declined = client.post(
        reverse("checkout:pay"), {"token": card_token(stripe_settings.STRIPE_API_BASE, "4000000000000341")}
    )

    assert declined.status_code == 402
    assert declined.json()["error"] == "Your card was declined."
    order = Order.objects.get()
    assert order.status == "Pending"
    assert [event.event_type.name for event in order.payment_events.all()] == ["Declined"]
    assert Order.objects.get().lines.get(product=small_shop.product).num_allocated == 1  # still reserved


def test_a_card_needing_3d_secure_is_handed_back_to_stripe_js(
    client, small_shop, to_preview, stripe_settings
):
    place_stripe_order(client, small_shop, to_preview)

    answer = client.post(
        reverse("checkout:pay"), {"token": card_token(stripe_settings.STRIPE_API_BASE, "4000002500003155")}
    )

    assert answer.status_code == 200
    assert answer.json()["requires_action"] is True
    assert answer.json()["client_secret"].startswith("pi_")
    assert Order.objects.get().status == "Pending"


def test_stripe_unreachable_keeps_the_basket_and_makes_no_order(
    client, small_shop, to_preview, stripe_settings
):
    from tests.fakes.localstripe_process import free_port

    stripe_settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"  # nothing listens there

    refused = place_stripe_order(client, small_shop, to_preview)

    assert refused.status_code == 200
    assert "payment service is unavailable" in refused.content.decode()
    assert "your basket is kept" in refused.content.decode()
    assert Order.objects.count() == 0
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN
    assert basket.num_items == 2
    for product in small_shop.products:
        assert product.stockrecords.get().num_allocated in (0, None)


def test_every_create_capture_and_refund_carries_an_idempotency_key_from_the_order_number(
    stripe_settings,
):
    sent = []
    gateway = StripeGateway()
    for name in ("create", "capture", "cancel"):
        original = getattr(gateway.client.v1.payment_intents, name)

        def spy(*args, _original=original, _name=name, **kwargs):
            sent.append((_name, kwargs.get("options", {}).get("idempotency_key")))
            return _original(*args, **kwargs)

        setattr(gateway.client.v1.payment_intents, name, spy)
    original_refund = gateway.client.v1.refunds.create

    def refund_spy(*args, **kwargs):
        sent.append(("refund", kwargs.get("options", {}).get("idempotency_key")))
        return original_refund(*args, **kwargs)

    gateway.client.v1.refunds.create = refund_spy

    started = gateway.start_payment(
        order_number="100042",
        amount=Decimal("20.00"),
        currency="EUR",
        idempotency_key="order-100042-start-1",
        capture=False,
    )
    gateway.pay_with_token(started.reference, card_token(stripe_settings.STRIPE_API_BASE))
    gateway.capture(started.reference, amount=Decimal("20.00"), idempotency_key="order-100042-capture")
    gateway.refund(
        started.reference, amount=Decimal("5.00"), currency="EUR", idempotency_key="100042-refund-x"
    )

    assert sent == [
        ("create", "order-100042-start-1"),
        ("capture", "order-100042-capture"),
        ("refund", "100042-refund-x"),
    ]
    assert all("100042" in key for _name, key in sent)
