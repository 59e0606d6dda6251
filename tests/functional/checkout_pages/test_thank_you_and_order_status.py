"""After the order: the thank-you page says what was bought and what happens next; the status link opens
for the session that placed the order, asks anyone else for the order's email, and shows a wrong one
nothing. No page shows the provider's payment reference."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import formats
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from ptashka.payments.models import CheckoutPayment
from tests.functional.checkout_pages.pages import DUMMY_REFERENCE, html_of, text_of

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(at_payment):
    """A guest's order of the small shop's two products, paid with the Dummy gateway in this session."""
    at_payment.post(reverse("checkout:preview"), {"gateway": "dummy"})
    done = at_payment.post(reverse("checkout:preview"), {"action": "place_order"})
    assert done["Location"] == reverse("checkout:thank-you")
    return at_payment, Order.objects.get()


def status_link(order, verification_hash=None):
    return reverse(
        "customer:anon-order",
        kwargs={"order_number": order.number, "hash": verification_hash or order.verification_hash()},
    )


def references(order):
    found = {source.reference for source in order.sources.all()}
    found |= {payment.reference for payment in CheckoutPayment.objects.filter(order_number=order.number)}
    return {reference for reference in found if reference}


def test_the_thank_you_page_thanks_the_shopper_and_says_what_happens_next(placed):
    client, order = placed

    page = client.get(reverse("checkout:thank-you"))

    words = text_of(page)
    assert page.status_code == 200
    assert "Thank you, Оксана!" in words
    assert f"Order {order.number}" in words
    assert "Писанка" in words and "Вишиванка" in words and "€81.00" in words  # 2 × 40.50
    assert "Subtotal €93.00" in words and "Shipping Nova Poshta €5.00" in words and "Total €98.00" in words
    assert "вул. Хрещатик, 1" in words and "Київ" in words
    assert "We have sent a confirmation to guest@example.com" in words
    assert "when it ships" in words and "It goes by Nova Poshta" in words
    assert "Paid €98.00 by Test payment" in words
    assert f'href="{status_link(order)}"' in html_of(page)
    # the date in the server's one format
    placed_on = formats.date_format(order.date_placed.astimezone(), "DATETIME_FORMAT")
    assert f"Placed on {placed_on}." in words
    assert settings.USE_TZ


def test_the_session_that_placed_the_order_opens_its_status_without_the_email_form(placed):
    client, order = placed

    page = client.get(status_link(order))

    html = html_of(page)
    assert page.status_code == 200
    assert "data-order-status" in html and "data-order-history" in html and "data-live-indicator" in html
    assert "Писанка" in html and "вул. Хрещатик, 1" in html
    # and the form's own address sends it straight on
    form_url = reverse(
        "customer:anon-order-form", kwargs={"order_number": order.number, "hash": order.verification_hash()}
    )
    assert client.get(form_url)["Location"] == status_link(order)


def test_a_stranger_with_the_link_must_give_the_orders_email(placed):
    _client, order = placed
    stranger = Client()

    asked = stranger.get(status_link(order), follow=True)

    assert asked.redirect_chain[-1][0].startswith(
        reverse(
            "customer:anon-order-form",
            kwargs={"order_number": order.number, "hash": order.verification_hash()},
        )
    )
    html = html_of(asked)
    assert 'name="email"' in html and "Check your order" in html
    assert "Писанка" not in html and "Хрещатик" not in html and "data-order-status" not in html


def test_a_wrong_email_is_told_so_and_shows_no_order_data(placed):
    _client, order = placed
    stranger = Client()
    form_url = reverse(
        "customer:anon-order-form", kwargs={"order_number": order.number, "hash": order.verification_hash()}
    )

    refused = stranger.post(form_url, {"email": "someone.else@example.com"})

    html = html_of(refused)
    assert refused.status_code == 200
    assert "That email address is not the one this order was placed with" in html
    assert 'id="id_email_error"' in html and 'aria-invalid="true"' in html and 'href="#id_email"' in html
    assert "Писанка" not in html and "Хрещатик" not in html and "data-order-status" not in html
    assert "anon_order_email" not in stranger.session
    assert stranger.get(status_link(order)).status_code == 302  # still not shown


def test_a_nonsense_email_is_refused_beside_the_field(placed):
    _client, order = placed
    form_url = reverse(
        "customer:anon-order-form", kwargs={"order_number": order.number, "hash": order.verification_hash()}
    )

    refused = Client().post(form_url, {"email": "not an address"})

    assert refused.status_code == 200
    assert 'id="id_email_error"' in html_of(refused)


def test_the_orders_email_in_other_capitals_opens_the_status(placed):
    _client, order = placed
    stranger = Client()
    form_url = reverse(
        "customer:anon-order-form", kwargs={"order_number": order.number, "hash": order.verification_hash()}
    )

    shown = stranger.post(form_url, {"email": "Guest@Example.com"})

    assert shown["Location"] == status_link(order)
    page = stranger.get(status_link(order))
    assert page.status_code == 200 and "data-order-status" in html_of(page)
    # the live socket compares the session's address with the order's exactly
    assert stranger.session["anon_order_email"] == "guest@example.com"


def test_a_wrong_hash_is_not_opened_even_by_the_session_that_placed_the_order(placed):
    client, order = placed

    forged = f"{order.number}:forged"
    refused = client.get(status_link(order, verification_hash=forged))

    assert refused["Location"] == reverse(
        "customer:anon-order-form", kwargs={"order_number": order.number, "hash": forged}
    )
    asked = client.get(refused["Location"])
    assert 'name="email"' in html_of(asked) and "data-order-status" not in html_of(asked)


def test_another_guests_order_is_not_opened_by_this_session(placed):
    client, _order = placed
    someone_elses = create_order(guest_email="other@example.com")

    refused = client.get(status_link(someone_elses))

    assert refused.status_code == 302


def test_no_page_the_shopper_sees_shows_the_payment_reference(placed):
    client, order = placed
    assert references(order), "the Dummy gateway keeps a reference for the shop"
    pages = [
        client.get(reverse("checkout:thank-you")),
        client.get(status_link(order)),
        client.get(reverse("basket:summary")),
    ]

    for page in pages:
        html = html_of(page)
        assert page.status_code == 200
        assert not DUMMY_REFERENCE.search(html), page.wsgi_request.path
        for reference in references(order):
            assert reference not in html, page.wsgi_request.path


def test_no_checkout_step_shows_a_payment_reference_of_a_waiting_payment(at_payment):
    at_payment.post(reverse("checkout:preview"), {"gateway": "dummy"})
    steps = [
        reverse(name)
        for name in ("checkout:shipping-address", "checkout:payment-details", "checkout:preview")
    ]

    for url in steps:
        html = html_of(at_payment.get(url))
        assert not DUMMY_REFERENCE.search(html), url


def test_the_signed_in_order_page_has_the_live_status_lines_totals_and_address(client, shopper):
    order = create_order(user=shopper, status="Pending")
    client.force_login(shopper)

    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))

    html = html_of(page)
    assert page.status_code == 200
    assert "data-order-status" in html and "data-order-history" in html and "data-live-indicator" in html
    assert 'class="summary-lines"' in html and "Total" in text_of(page)
    assert "ptashka/css/checkout.css" in html
