"""A guest checks out with the test-only Dummy gateway, the embedded default without payment keys."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from ptashka.payments.models import CheckoutPayment

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


def test_without_keys_only_the_dummy_gateway_is_offered_and_labelled_test_only(
    client, small_shop, to_preview
):
    page = to_preview(client, [small_shop.product])

    assert page.status_code == 200
    assert [gateway.code for gateway in page.context["gateways"]] == ["dummy"]
    assert "TEST ONLY" in page.content.decode()


def test_dummy_checkout_places_a_paid_order_for_the_server_side_total(client, small_shop, to_preview):
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"gateway": "dummy"})

    # when the shopper places the order, posting amounts, currency and shipping of their own
    placed = client.post(
        reverse("checkout:preview"),
        {"action": "place_order", "amount": "0.01", "currency": "USD", "shipping_charge": "0", "total": "1"},
    )

    # then the order is paid for the total the shop worked out: 12.00 + 40.50 + 5.00 shipping
    assert placed.status_code == 302
    assert placed["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("57.50")
    assert order.currency == "EUR"
    assert order.status == "Paid"
    payment = CheckoutPayment.objects.get(order_number=order.number)
    assert (payment.amount, payment.currency, payment.status) == (Decimal("57.50"), "EUR", "succeeded")
    assert [(event.event_type.name, event.amount) for event in order.payment_events.all()] == [
        ("Paid", Decimal("57.50"))
    ]
    source = order.sources.get()
    assert source.amount_debited == Decimal("57.50")
    thanks = client.get(reverse("checkout:thank-you"))
    assert thanks.status_code == 200
    assert order.number in thanks.content.decode()
    # the thank-you page says what was paid and how, not Oscar's "Allocation of €0.00"
    assert "Paid €57.50 by Test payment" in " ".join(thanks.content.decode().split())
    # the provider's reference is the shop's, not something to show the shopper
    source = order.sources.get()
    assert source.reference and source.reference not in thanks.content.decode()


def test_choosing_a_gateway_that_is_not_offered_is_refused(client, small_shop, to_preview):
    to_preview(client, [small_shop.product])

    refused = client.post(reverse("checkout:preview"), {"gateway": "stripe"})

    assert refused.status_code == 200
    assert "choose one of the payment methods" in refused.content.decode()
    assert Order.objects.count() == 0


def test_stock_taken_by_someone_else_leaves_the_basket_kept_and_no_order(client, small_shop, to_preview):
    product = small_shop.product
    to_preview(client, [product], quantity=2)
    stock = product.stockrecords.get()
    # another shopper's order took all but one unit after this basket was filled
    stock.num_allocated = stock.num_in_stock - 1
    stock.save()

    refused = client.post(reverse("checkout:preview"), {"action": "place_order"})

    assert Order.objects.count() == 0
    assert "no longer" in refused.content.decode() or "no longer" in str(list(refused.wsgi_request._messages))
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN
    assert basket.num_items == 2
    stock.refresh_from_db()
    assert stock.num_allocated == stock.num_in_stock - 1
