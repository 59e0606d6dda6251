"""The pay page shows the part of the gateway a payment went through: Stripe's card field, PayPal's
approval link (and, back from giving up at PayPal, the cancel route), the Dummy gateway's button."""

from urllib.parse import urlsplit

import pytest
import requests
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.core.prices import Price
from oscar.test.factories import create_order

from ptashka.payments import facade
from ptashka.payments.models import CheckoutPayment

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def place_order_paying_by(client, shop, to_preview, code):
    to_preview(client, shop.products)
    client.post(reverse("checkout:preview"), {"gateway": code})
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def gateway_part(page):
    """Which gateway's partial the pay page shows, by the ids each partial's elements carry."""
    content = page.content.decode()
    shown = {"stripe": 'id="card-form"', "paypal": 'id="paypal-approval"', "dummy": 'id="dummy-payment"'}
    return [code for code, marker in shown.items() if marker in content]


@pytest.mark.localstripe
def test_a_card_payment_shows_stripes_card_field_with_the_publishable_key_only(
    client, small_shop, to_preview, stripe_settings
):
    placed = place_order_paying_by(client, small_shop, to_preview, "stripe")
    assert placed["Location"] == reverse("checkout:pay")

    page = client.get(reverse("checkout:pay"))

    assert page.status_code == 200
    assert gateway_part(page) == ["stripe"]
    content = page.content.decode()
    assert f'data-publishable-key="{stripe_settings.STRIPE_PUBLISHABLE_KEY}"' in content
    assert f'<script src="{stripe_settings.STRIPE_JS_URL}"></script>' in content
    assert stripe_settings.STRIPE_SECRET_KEY not in content
    assert 'data-gateway="stripe"' in content and "Card (Stripe)" in content


@pytest.fixture
def sent_to_paypal(client, small_shop, to_preview, paypal_settings):  # noqa: F811
    """A guest placed a PayPal order and was sent on to PayPal's approval page."""
    placed = place_order_paying_by(client, small_shop, to_preview, "paypal")
    assert placed["Location"] == reverse("checkout:pay")
    pay = client.get(reverse("checkout:pay"))
    assert pay.status_code == 302
    order = Order.objects.get()
    return order, CheckoutPayment.objects.get(order_number=order.number), pay["Location"]


def press_at_paypal(approval_url, button):
    """The buyer presses a button on the fake PayPal's approval page; returns where PayPal sends them."""
    url = urlsplit(approval_url)
    pressed = requests.post(
        f"{url.scheme}://{url.netloc}/checkoutnow/{button}?{url.query}", allow_redirects=False, timeout=5
    )
    assert pressed.status_code == 303
    back = urlsplit(pressed.headers["Location"])
    return back.path, back.query


def what_the_cancel_could_change(order, payment, paypal):  # noqa: F811
    order.refresh_from_db()
    payment.refresh_from_db()
    return {
        "order": order.status,
        "payment": (payment.status, payment.declines),
        "payments": CheckoutPayment.objects.count(),
        "events": order.payment_events.count(),
        "sources": [(source.amount_allocated, source.amount_debited) for source in order.sources.all()],
        "at paypal": paypal.orders[payment.reference]["status"],
    }


def test_giving_up_at_paypal_shows_the_cancelled_message_and_changes_nothing(
    client,
    sent_to_paypal,
    paypal,  # noqa: F811
):
    order, payment, approval_url = sent_to_paypal
    before = what_the_cancel_could_change(order, payment, paypal)

    path, query = press_at_paypal(approval_url, "cancel")
    back = client.get(f"{path}?{query}")

    assert path == reverse("checkout:payment-cancelled")
    assert back.status_code == 200
    assert gateway_part(back) == ["paypal"]
    content = back.content.decode()
    assert "You cancelled the payment at PayPal" in content
    assert f'href="{approval_url}"' in content  # the way to try again
    assert what_the_cancel_could_change(order, payment, paypal) == before
    # the pay page itself still sends the shopper on to PayPal, and approving there pays the order
    assert client.get(reverse("checkout:pay"))["Location"] == approval_url
    path, query = press_at_paypal(approval_url, "approve")
    assert client.get(f"{path}?{query}")["Location"] == reverse("checkout:thank-you")
    assert Order.objects.get().status == "Paid"


def test_a_cancel_naming_another_paypal_order_is_refused_and_changes_nothing(
    client,
    sent_to_paypal,
    paypal,  # noqa: F811
):
    order, payment, approval_url = sent_to_paypal
    before = what_the_cancel_could_change(order, payment, paypal)

    refused = client.get(reverse("checkout:payment-cancelled"), {"token": "5O190127TN364715T"})

    assert refused.status_code == 400
    assert "another order" in refused.content.decode()
    assert what_the_cancel_could_change(order, payment, paypal) == before


def test_the_cancel_route_takes_no_card_token(client, sent_to_paypal):
    refused = client.post(reverse("checkout:payment-cancelled"), {"token": "tok_visa"})

    assert refused.status_code == 405


def test_the_pay_page_without_a_placed_order_is_not_found(client, paypal_settings):  # noqa: F811
    assert client.get(reverse("checkout:payment-cancelled")).status_code == 404
    assert client.get(reverse("checkout:pay")).status_code == 404


def waiting_dummy_order(client):
    """A placed order whose Dummy payment is started but not completed (the shop completes a Dummy
    payment as the order is placed, so only a completion that did not happen leaves one waiting)."""
    order = create_order(status=facade.PENDING)
    total = Price(order.currency, order.total_excl_tax, incl_tax=order.total_incl_tax)
    started = facade.start_payment(
        facade.gateway_for("dummy"), order_number=order.number, total=total, basket_id=None
    )
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()
    return order, started.record


def test_a_waiting_dummy_payment_shows_the_test_payment_button_which_pays_it(client):
    order, payment = waiting_dummy_order(client)

    page = client.get(reverse("checkout:pay"))

    assert page.status_code == 200
    assert gateway_part(page) == ["dummy"]
    content = page.content.decode()
    assert "TEST ONLY" in content
    assert f'href="{reverse("checkout:payment-return")}"' in content
    assert "card-payment.js" not in content
    # the button completes the test payment
    back = client.get(reverse("checkout:payment-return"))
    assert back["Location"] == reverse("checkout:thank-you")
    order.refresh_from_db()
    assert order.status == "Paid"


def test_the_pay_page_allows_stripe_js_only_for_a_card_payment(client):
    waiting_dummy_order(client)

    page = client.get(reverse("checkout:pay"))

    assert "stripe" not in page["Content-Security-Policy"]


def test_choosing_a_payment_method_the_shop_does_not_know_is_refused_and_keeps_the_choice(
    client, small_shop, to_preview
):
    to_preview(client, small_shop.products)
    client.post(reverse("checkout:preview"), {"gateway": "dummy"})

    refused = client.post(reverse("checkout:preview"), {"gateway": "bitcoin"})

    assert refused.status_code == 200
    assert "Please choose one of the payment methods shown." in refused.content.decode()
    assert refused.context["chosen_gateway"].code == "dummy"
    assert Order.objects.count() == 0 and CheckoutPayment.objects.count() == 0


def test_an_order_whose_payment_method_the_shop_stopped_offering_says_so_and_changes_nothing(
    client, settings
):
    order, payment = waiting_dummy_order(client)
    settings.PAYMENTS_DUMMY_GATEWAY = False  # the merchant switched the gateway off after the order

    page = client.get(reverse("checkout:pay"))
    paying = client.post(reverse("checkout:pay"), {"token": "tok_visa"})

    assert page.status_code == 503
    assert "can no longer be paid here" in page.content.decode()
    assert str(order.number) in page.content.decode()
    assert gateway_part(page) == []
    assert paying.status_code == 503 and "unavailable" in paying.json()["error"]
    order.refresh_from_db()
    payment.refresh_from_db()
    assert (order.status, payment.status) == ("Pending", "requires_action")
