"""The PayPal bridge against the fake PayPal: create, approval, capture or authorise, refund, outages."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from ptashka.payments import gateway as states
from ptashka.payments.gateway import PaymentServiceUnavailable, RefundRefused
from ptashka.payments.paypal_gateway import PayPalGateway, token_cache_key
from tests.fakes.localstripe_process import free_port

pytestmark = pytest.mark.django_db


def start(gateway, number="100001", amount="57.50", capture=True, currency="EUR"):
    return gateway.start_payment(
        order_number=number,
        amount=Decimal(amount),
        currency=currency,
        idempotency_key=f"order-{number}-start-1",
        capture=capture,
        # What the facade hands it: the shop's own return and cancel pages.
        return_url="http://testserver/checkout/payment-return/",
        cancel_url="http://testserver/checkout/pay/cancelled/",
    )


def complete(gateway, reference, key="order-100001-complete-1"):
    return gateway.complete_approved(reference, idempotency_key=key)


def test_a_started_payment_waits_for_the_buyer_at_the_approval_page(paypal_settings, paypal):
    started = start(PayPalGateway())

    assert started.status == states.REQUIRES_ACTION
    assert (started.amount, started.currency) == (Decimal("57.50"), "EUR")
    assert started.approval_url == f"{paypal.base_url}/checkoutnow?token={started.reference}"
    order = paypal.orders[started.reference]
    assert order["intent"] == "CAPTURE"
    assert order["purchase_units"][0]["custom_id"] == "100001"
    assert order["_return_url"] == "http://testserver/checkout/payment-return/"


def test_completing_an_approved_order_captures_it(paypal_settings, paypal):
    gateway = PayPalGateway()
    started = start(gateway)
    back = paypal.approve(started.reference)

    confirmed = complete(gateway, started.reference)

    assert (
        back == f"http://testserver/checkout/payment-return/?token={started.reference}&PayerID=FAKEPAYER0001"
    )
    assert confirmed.status == states.SUCCEEDED
    assert confirmed.amount_captured == Decimal("57.50")
    assert paypal.orders[started.reference]["status"] == "COMPLETED"


def test_completing_twice_captures_once(paypal_settings, paypal):
    gateway = PayPalGateway()
    started = start(gateway)
    paypal.approve(started.reference)

    complete(gateway, started.reference)
    again = complete(gateway, started.reference)

    assert again.status == states.SUCCEEDED
    assert len(paypal.orders[started.reference]["purchase_units"][0]["payments"]["captures"]) == 1


def test_reading_an_approved_order_never_captures_it(paypal_settings, paypal):
    gateway = PayPalGateway()
    started = start(gateway)
    paypal.approve(started.reference)

    state = gateway.fetch_state(started.reference)

    assert state.status == states.REQUIRES_ACTION and state.approved
    assert paypal.orders[started.reference]["status"] == "APPROVED"
    assert not any(path.endswith("/capture") for _method, path, _key in paypal.calls)


def test_an_order_the_buyer_has_not_approved_is_left_alone(paypal_settings, paypal):
    gateway = PayPalGateway()
    started = start(gateway)

    state = complete(gateway, started.reference)

    assert state.status == states.REQUIRES_ACTION
    assert state.approval_url
    assert not any(path.endswith("/capture") for _method, path, _key in paypal.calls)


def test_authorise_at_order_then_capture_at_dispatch(paypal_settings, paypal):
    gateway = PayPalGateway()
    started = start(gateway, capture=False)
    paypal.approve(started.reference)

    authorised = complete(gateway, started.reference)
    captured = gateway.capture(
        started.reference, amount=Decimal("57.50"), idempotency_key="order-100001-capture"
    )

    assert paypal.orders[started.reference]["intent"] == "AUTHORIZE"
    assert authorised.status == states.AUTHORISED
    assert captured.status == states.SUCCEEDED
    assert captured.amount_captured == Decimal("57.50")


def test_cancelling_an_authorised_payment_voids_the_authorization(paypal_settings, paypal):
    gateway = PayPalGateway()
    started = start(gateway, capture=False)
    paypal.approve(started.reference)
    complete(gateway, started.reference)

    cancelled = gateway.cancel(started.reference, idempotency_key="order-100001-cancel-1")

    assert cancelled.status == states.CANCELLED
    authorization = paypal.orders[started.reference]["purchase_units"][0]["payments"]["authorizations"][0]
    assert authorization["status"] == "VOIDED"


def test_cancelling_an_unapproved_order_only_gives_it_up_on_our_side(paypal_settings, paypal):
    gateway = PayPalGateway()
    started = start(gateway)

    cancelled = gateway.cancel(started.reference, idempotency_key="order-100001-cancel-1")

    assert cancelled.status == states.CANCELLED
    assert paypal.orders[started.reference]["status"] == "PAYER_ACTION_REQUIRED"  # it expires at PayPal


def test_a_refund_sends_part_of_the_capture_back_and_never_more_than_is_left(paypal_settings, paypal):
    gateway = PayPalGateway()
    started = start(gateway)
    paypal.approve(started.reference)
    complete(gateway, started.reference)

    refund = gateway.refund(started.reference, amount=Decimal("20.00"), currency="EUR", idempotency_key="r-1")
    with pytest.raises(RefundRefused):
        gateway.refund(started.reference, amount=Decimal("40.00"), currency="EUR", idempotency_key="r-2")

    assert refund.amount == Decimal("20.00")
    assert paypal.refunds[refund.reference]["amount"] == {"currency_code": "EUR", "value": "20.00"}
    capture = paypal.orders[started.reference]["purchase_units"][0]["payments"]["captures"][0]
    assert capture["status"] == "PARTIALLY_REFUNDED"


def test_a_declined_funding_source_fails_with_a_reason_and_can_be_approved_again(paypal_settings, paypal):
    gateway = PayPalGateway()
    started = start(gateway)
    paypal.approve(started.reference, decline=True)

    declined = complete(gateway, started.reference)
    paypal.approve(started.reference)
    paid = complete(gateway, started.reference, key="order-100001-complete-2")  # a new approval, a new key

    assert declined.status == states.FAILED
    assert "PayPal could not take this payment" in declined.decline_reason
    assert declined.approval_url
    assert paid.status == states.SUCCEEDED


def test_paypal_answering_503_is_a_service_outage(paypal_settings, paypal):
    gateway = PayPalGateway()
    started = start(gateway)
    paypal.outage = True

    with pytest.raises(PaymentServiceUnavailable):
        gateway.fetch_state(started.reference)
    with pytest.raises(PaymentServiceUnavailable):
        start(gateway, number="100002")


def test_paypal_unreachable_is_a_service_outage(paypal_settings):
    paypal_settings.PAYPAL_API_BASE = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    cache.delete(token_cache_key())

    with pytest.raises(PaymentServiceUnavailable):
        start(PayPalGateway())


def test_a_paypal_slower_than_the_timeout_is_a_service_outage(paypal_settings, paypal):
    paypal_settings.PAYMENTS_PROVIDER_TIMEOUT_SECONDS = 0.5
    gateway = PayPalGateway()
    started = start(gateway)
    paypal.delay_seconds = 3

    with pytest.raises(PaymentServiceUnavailable):
        gateway.fetch_state(started.reference)


def test_one_oauth_token_serves_every_gateway_until_it_expires(paypal_settings, paypal):
    cache.delete(token_cache_key())

    start(PayPalGateway(), number="100010")
    start(PayPalGateway(), number="100011")

    assert [path for _method, path, _key in paypal.calls].count("/v1/oauth2/token") == 1


def test_the_same_request_id_gives_back_the_same_order(paypal_settings, paypal):
    first = start(PayPalGateway())
    again = start(PayPalGateway())  # a retry after a lost answer, same key

    assert again.reference == first.reference
    assert len(paypal.orders) == 1
    assert sum(1 for _m, path, key in paypal.calls if key == "order-100001-start-1") == 2


def test_every_create_capture_and_refund_carries_a_request_id_from_the_order_number(paypal_settings, paypal):
    gateway = PayPalGateway()
    started = start(gateway, number="100042", capture=False)
    paypal.approve(started.reference)
    complete(gateway, started.reference, key="order-100042-authorize-1")
    gateway.capture(started.reference, amount=Decimal("57.50"), idempotency_key="order-100042-capture")
    gateway.refund(
        started.reference, amount=Decimal("5.00"), currency="EUR", idempotency_key="100042-refund-x"
    )

    writes = [(path.rsplit("/", 1)[-1], key) for method, path, key in paypal.calls if method == "POST"]
    assert [write for write in writes if write[0] != "token"] == [
        ("orders", "order-100042-start-1"),
        ("authorize", "order-100042-authorize-1"),
        ("capture", "order-100042-capture"),
        ("refund", "100042-refund-x"),
    ]


def test_only_configured_currencies_are_offered_and_the_hryvnia_is_not_one(paypal_settings):
    gateway = PayPalGateway()

    assert gateway.supports("EUR") and gateway.supports("usd")
    assert not gateway.supports("UAH")


def test_without_an_api_base_the_sdk_talks_to_sandbox_or_live(settings):
    settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET = "id", "secret"
    settings.PAYPAL_API_BASE = ""

    settings.PAYPAL_ENVIRONMENT = "sandbox"
    assert PayPalGateway().config.get_base_uri() == "https://api-m.sandbox.paypal.com"
    settings.PAYPAL_ENVIRONMENT = "live"
    assert PayPalGateway().config.get_base_uri() == "https://api-m.paypal.com"
