"""Reads are reads: a PayPal order the buyer approved is captured by the shopper's return (or the
API's explicit completion), never by a page, an API read, a webhook or reconciliation that looks at it."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from rest_framework.test import APIClient

from ptashka.payments.facade import reconcile_payments
from ptashka.payments.models import CheckoutPayment
from tests.functional.api.test_paying_through_the_api import check_out, fill_basket
from tests.integration.payments.test_paypal_checkout import place_paypal_order
from tests.integration.payments.test_paypal_webhooks import deliver

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def captures_sent(paypal):
    return [path for _method, path, _key in paypal.calls if path.endswith(("/capture", "/authorize"))]


def nothing_was_captured(paypal, reference):
    return (
        paypal.orders[reference]["status"] == "APPROVED"
        and not captures_sent(paypal)
        and Order.objects.get().status == "Pending"
    )


def test_pay_page_webhook_and_reconciliation_leave_an_approved_order_uncaptured_and_the_return_captures_it(
    client, small_shop, to_preview, paypal_settings, paypal
):
    # given a PayPal order placed at the shop and approved by the buyer at PayPal
    place_paypal_order(client, small_shop, to_preview)
    client.get(reverse("checkout:pay"))
    payment = CheckoutPayment.objects.get()
    back_to_shop = paypal.approve(payment.reference)

    # when everything that only looks at it runs
    pay_page = client.get(reverse("checkout:pay"))
    webhook = deliver(
        client, paypal.webhook_delivery("CHECKOUT.ORDER.APPROVED", paypal.order(payment.reference))
    )
    outcome = reconcile_payments()

    # then nothing took the money
    assert pay_page.status_code == 302 and webhook.status_code == 200
    assert outcome == {"requires_action": 1}
    assert nothing_was_captured(paypal, payment.reference)

    # and the shopper's return does, once
    returned = client.get(back_to_shop.removeprefix("http://testserver"))
    assert returned["Location"] == reverse("checkout:thank-you")
    assert Order.objects.get().status == "Paid"
    assert paypal.orders[payment.reference]["status"] == "COMPLETED"
    assert len(captures_sent(paypal)) == 1


def test_reading_an_approved_paypal_payment_over_the_api_captures_nothing_and_posting_completes_it(
    small_shop, paypal_settings, paypal
):
    # given a PayPal order placed through the API and approved by the buyer at PayPal
    api = APIClient()
    placed = check_out(api, fill_basket(api, small_shop.products), payment_method="paypal")
    assert placed.status_code == 200, placed.content
    order = placed.json()
    payment = CheckoutPayment.objects.get()
    paypal.approve(payment.reference)
    url = order["payment"]["confirm_url"].removeprefix("http://testserver")

    # when the client polls the payment
    read = api.get(url)

    # then it is told where it stands, and nothing is captured
    assert read.status_code == 200
    assert read.json()["status"] == "requires_action"
    assert nothing_was_captured(paypal, payment.reference)

    # and the explicit completion captures it
    completed = api.post(url, {}, format="json")
    assert completed.status_code == 200
    assert (completed.json()["status"], completed.json()["order_status"]) == ("succeeded", "Paid")
    assert paypal.orders[payment.reference]["status"] == "COMPLETED"
