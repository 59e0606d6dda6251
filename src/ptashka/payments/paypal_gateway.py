"""The PayPal bridge: Orders v2 approved by the buyer at PayPal; the only module importing paypalserversdk."""

import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal

import requests
from apimatic_core.authentication.multiple.single_auth import Single
from apimatic_core.exceptions.auth_validation_exception import AuthValidationException
from apimatic_core.request_builder import RequestBuilder
from apimatic_core.response_handler import ResponseHandler
from apimatic_core.types.parameter import Parameter
from django.conf import settings
from django.core.cache import cache
from paypalserversdk.api_helper import APIHelper
from paypalserversdk.configuration import Configuration, Environment, Server
from paypalserversdk.controllers.base_controller import BaseController
from paypalserversdk.exceptions.api_exception import ApiException
from paypalserversdk.http.auth.o_auth_2 import ClientCredentialsAuthCredentials
from paypalserversdk.http.http_method_enum import HttpMethodEnum
from paypalserversdk.models.amount_with_breakdown import AmountWithBreakdown
from paypalserversdk.models.capture_request import CaptureRequest
from paypalserversdk.models.checkout_payment_intent import CheckoutPaymentIntent
from paypalserversdk.models.money import Money
from paypalserversdk.models.order_request import OrderRequest
from paypalserversdk.models.payment_source import PaymentSource
from paypalserversdk.models.paypal_wallet import PaypalWallet
from paypalserversdk.models.paypal_wallet_experience_context import PaypalWalletExperienceContext
from paypalserversdk.models.purchase_unit_request import PurchaseUnitRequest
from paypalserversdk.models.refund_request import RefundRequest
from paypalserversdk.paypal_serversdk_client import PaypalServersdkClient

from ptashka.security.content_policy import paypal_approval_sources

from .gateway import (
    AUTHORISED,
    CANCELLED,
    FAILED,
    REQUIRES_ACTION,
    SUCCEEDED,
    Gateway,
    PaymentServiceUnavailable,
    PaymentState,
    Refund,
    RefundRefused,
    WebhookEvent,
    WebhookRejected,
)

# PayPal's currencies (developer.paypal.com/api/rest/reference/currency-codes); UAH is not among them.
PAYPAL_CURRENCIES = frozenset(
    {
        "AUD", "BRL", "CAD", "CNY", "CZK", "DKK", "EUR", "HKD", "HUF", "ILS", "JPY", "MYR",
        "MXN", "TWD", "NZD", "NOK", "PHP", "PLN", "GBP", "SGD", "SEK", "CHF", "THB", "USD",
    }
)  # fmt: skip
# PayPal refuses decimals in these.
WHOLE_UNIT_CURRENCIES = frozenset({"HUF", "JPY", "TWD"})

ENVIRONMENTS = {"sandbox": Environment.SANDBOX, "live": Environment.PRODUCTION}

# Headers PayPal signs every webhook delivery with; all are needed to verify it.
SIGNATURE_HEADERS = {
    "auth_algo": "PAYPAL-AUTH-ALGO",
    "cert_url": "PAYPAL-CERT-URL",
    "transmission_id": "PAYPAL-TRANSMISSION-ID",
    "transmission_sig": "PAYPAL-TRANSMISSION-SIG",
    "transmission_time": "PAYPAL-TRANSMISSION-TIME",
}

WEBHOOK_KINDS = {
    "CHECKOUT.ORDER.APPROVED": REQUIRES_ACTION,  # approved, not yet captured: only the shopper's return does
    "PAYMENT.AUTHORIZATION.CREATED": AUTHORISED,
    "PAYMENT.AUTHORIZATION.VOIDED": CANCELLED,
    "PAYMENT.CAPTURE.COMPLETED": SUCCEEDED,
    "PAYMENT.CAPTURE.DENIED": FAILED,
    "PAYMENT.CAPTURE.DECLINED": FAILED,
    "PAYMENT.CAPTURE.REFUNDED": "refunded",
}

CAPTURED = {"COMPLETED", "PARTIALLY_REFUNDED", "REFUNDED"}
# Order errors that mean "already done": the order is re-read instead.
ALREADY_DONE = {"ORDER_ALREADY_CAPTURED", "ORDER_ALREADY_AUTHORIZED", "AUTHORIZATION_ALREADY_CAPTURED"}
DECLINED = {
    "INSTRUMENT_DECLINED",
    "PAYER_ACTION_REQUIRED",
    "TRANSACTION_REFUSED",
    "PAYER_CANNOT_PAY",
    "MAX_NUMBER_OF_PAYMENT_ATTEMPTS_EXCEEDED",
}
REFUND_REFUSED = {
    "CAPTURE_FULLY_REFUNDED",
    "REFUND_AMOUNT_EXCEEDED",
    "REFUND_CAPTURE_CURRENCY_MISMATCH",
    "REFUND_NOT_ALLOWED",
}
DECLINE_MESSAGE = "PayPal could not take this payment. Please choose another way to pay in PayPal."

TOKEN_CACHE_PREFIX = "paypal-oauth-token:"


def format_amount(amount, currency):
    exponent = Decimal("1") if currency.upper() in WHOLE_UNIT_CURRENCIES else Decimal("0.01")
    return str(Decimal(amount).quantize(exponent))


def to_decimal(value):
    return Decimal(value or "0").quantize(Decimal("0.01"))


class ShopConfiguration(Configuration):
    """The SDK's configuration, pointed at PAYPAL_API_BASE when set (a local fake) instead of PayPal."""

    def __init__(self, *args, api_base="", **kwargs):
        self.api_base = api_base.rstrip("/")
        super().__init__(*args, **kwargs)

    def get_base_uri(self, server=Server.DEFAULT):
        return self.api_base or super().get_base_uri(server)


class WebhookSignatures(BaseController):
    """PayPal's verify-webhook-signature call, which the SDK has no controller for, through its client."""

    def verify(self, body):
        return (
            super()
            .new_api_call_builder.request(
                RequestBuilder()
                .server(Server.DEFAULT)
                .path("/v1/notifications/verify-webhook-signature")
                .http_method(HttpMethodEnum.POST)
                .header_param(Parameter().key("Content-Type").value("application/json"))
                .header_param(Parameter().key("accept").value("application/json"))
                # Sent as built, so the event is the bytes PayPal signed, not a re-serialisation.
                .body_param(Parameter().value(body))
                .auth(Single("Oauth2"))
            )
            .response(ResponseHandler().deserializer(APIHelper.json_deserialize).is_api_response(True))
            .execute()
        )


def token_cache_key():
    where = settings.PAYPAL_API_BASE or settings.PAYPAL_ENVIRONMENT
    return TOKEN_CACHE_PREFIX + hashlib.sha256(f"{where} {settings.PAYPAL_CLIENT_ID}".encode()).hexdigest()


def cached_token(last_token, auth):
    """One OAuth token per account, shared by every process through the cache until it expires."""
    key = token_cache_key()
    token = cache.get(key)
    if token is not None and not auth.is_token_expired(token):
        return token
    token = auth.fetch_token()
    expires_in = int(getattr(token, "expires_in", 0) or 0)
    if expires_in > 120:
        cache.set(key, token, expires_in - 60)
    return token


def error_issues(error):
    """The issue names in a PayPal error answer (INSTRUMENT_DECLINED, ORDER_NOT_APPROVED…)."""
    try:
        answer = json.loads(error.response.text or "{}")
    except (ValueError, AttributeError):
        return set(), ""
    issues = {detail.get("issue", "") for detail in answer.get("details") or [] if isinstance(detail, dict)}
    return issues, answer.get("message") or answer.get("name") or ""


class PayPalGateway(Gateway):
    code = "paypal"
    label = "PayPal"
    currencies = PAYPAL_CURRENCIES
    approves_at_provider = True
    payment_template = "payments/paypal/pay.html"

    @classmethod
    def is_configured(cls):
        return bool(settings.PAYPAL_CLIENT_ID and settings.PAYPAL_CLIENT_SECRET)

    def place_order_sources(self):
        # Placing the order redirects the shopper's form post on to PayPal's approval page.
        return paypal_approval_sources()

    def __init__(self):
        self.config = ShopConfiguration(
            api_base=settings.PAYPAL_API_BASE,
            environment=ENVIRONMENTS.get(settings.PAYPAL_ENVIRONMENT, Environment.SANDBOX),
            timeout=settings.PAYMENTS_PROVIDER_TIMEOUT_SECONDS,
            max_retries=settings.PAYMENTS_PROVIDER_RETRIES,
            backoff_factor=0.5,
            # Every POST we send carries a PayPal-Request-Id (or only reads), so repeating it is safe.
            retry_methods=["GET", "POST"],
            client_credentials_auth_credentials=ClientCredentialsAuthCredentials(
                o_auth_client_id=settings.PAYPAL_CLIENT_ID,
                o_auth_client_secret=settings.PAYPAL_CLIENT_SECRET,
                o_auth_token_provider=cached_token,
            ),
        )
        self.client = PaypalServersdkClient(config=self.config)

    # --- calls ---------------------------------------------------------------------------------

    def _call(self, method, options):
        """One PayPal call, answered as plain JSON; its failures turned into the shop's own errors."""
        try:
            response = method(options)
        except ApiException as error:
            if error.response_code == 401:
                cache.delete(token_cache_key())  # a revoked or foreign token: the next call fetches anew
            if error.response_code in (400, 404, 409, 422):
                issues, message = error_issues(error)
                raise PayPalRefused(error.response_code, issues, message) from error
            # 401 (bad credentials), 429, 5xx: nothing the shopper did.
            raise PaymentServiceUnavailable(
                f"PayPal answered {error.response_code}: {error.reason}"
            ) from error
        except (AuthValidationException, requests.RequestException) as error:
            raise PaymentServiceUnavailable(f"PayPal is unavailable: {error}") from error
        return json.loads(response.text or "{}")

    def _order(self, reference):
        try:
            return self._call(self.client.orders.get_order, {"id": reference})
        except PayPalRefused as refused:
            if refused.status == 404:
                raise LookupError(f"PayPal has no order {reference}") from refused
            raise PaymentServiceUnavailable(
                f"PayPal refused to show order {reference}: {refused}"
            ) from refused

    # --- the interface -------------------------------------------------------------------------

    def start_payment(
        self, *, order_number, amount, currency, idempotency_key, capture, return_url="", cancel_url=""
    ):
        currency = currency.upper()
        body = OrderRequest(
            intent=CheckoutPaymentIntent.CAPTURE if capture else CheckoutPaymentIntent.AUTHORIZE,
            purchase_units=[
                PurchaseUnitRequest(
                    amount=AmountWithBreakdown(currency_code=currency, value=format_amount(amount, currency)),
                    reference_id=order_number,
                    custom_id=order_number,
                    invoice_id=order_number,
                )
            ],
            payment_source=PaymentSource(
                paypal=PaypalWallet(
                    experience_context=PaypalWalletExperienceContext(
                        return_url=return_url,
                        cancel_url=cancel_url,
                        shipping_preference="NO_SHIPPING",  # the shop already has the address
                        user_action="PAY_NOW",
                    )
                )
            ),
        )
        try:
            order = self._call(
                self.client.orders.create_order,
                {"body": body, "paypal_request_id": idempotency_key, "prefer": "return=representation"},
            )
        except PayPalRefused as refused:
            raise PaymentServiceUnavailable(f"PayPal refused the order: {refused}") from refused
        return self._state(order)

    def fetch_state(self, reference):
        return self._state(self._order(reference))

    def complete_approved(self, reference, *, idempotency_key):
        """Capture (or authorise, by the order's intent) an order the buyer approved; else read it.

        The caller's key names the approval: completing it twice captures once, and the approval a
        buyer gives again after a declined funding source comes with a new key, not a replay of the refusal.
        """
        order = self._order(reference)
        if order.get("status") != "APPROVED":
            return self._state(order)
        if order.get("intent") == "AUTHORIZE":
            method = self.client.orders.authorize_order
        else:
            method = self.client.orders.capture_order
        try:
            order = self._call(
                method,
                {"id": reference, "paypal_request_id": idempotency_key, "prefer": "return=representation"},
            )
        except PayPalRefused as refused:
            if refused.issues & DECLINED:
                # The buyer may approve again with another funding source: the approval link still works.
                return self._state(order, status=FAILED, decline_reason=DECLINE_MESSAGE)
            if not refused.issues & ALREADY_DONE:
                raise PaymentServiceUnavailable(f"PayPal refused the capture: {refused}") from refused
        # A capture answer holds only what it did; the order itself is the whole truth.
        return self._state(self._order(reference))

    def capture(self, reference, *, amount, idempotency_key):
        order = self._order(reference)
        authorization = self._authorization(order)
        if authorization is None or authorization.get("status") not in ("CREATED", "PENDING"):
            return self._state(order)
        currency = authorization["amount"]["currency_code"]
        try:
            self._call(
                self.client.payments.capture_authorized_payment,
                {
                    "authorization_id": authorization["id"],
                    "paypal_request_id": idempotency_key,
                    "prefer": "return=representation",
                    "body": CaptureRequest(
                        amount=Money(currency_code=currency, value=format_amount(amount, currency)),
                        final_capture=True,
                    ),
                },
            )
        except PayPalRefused as refused:
            if not refused.issues & ALREADY_DONE:
                raise PaymentServiceUnavailable(f"PayPal refused the capture: {refused}") from refused
        return self._state(self._order(reference))

    def cancel(self, reference, *, idempotency_key):
        order = self._order(reference)
        state = self._state(order)
        if state.status in (SUCCEEDED, CANCELLED):
            return state
        authorization = self._authorization(order)
        if authorization is not None and authorization.get("status") in ("CREATED", "PENDING"):
            try:
                self._call(
                    self.client.payments.void_payment,
                    {"authorization_id": authorization["id"], "paypal_request_id": idempotency_key},
                )
            except PayPalRefused as refused:
                raise PaymentServiceUnavailable(f"PayPal refused to void: {refused}") from refused
            return self._state(self._order(reference))
        # Orders v2 has no cancel: an order nobody captures expires at PayPal, and we never capture it.
        return self._state(order, status=CANCELLED)

    def refund(self, reference, *, amount, currency, idempotency_key):
        captures = [
            capture for capture in self._captures(self._order(reference)) if capture["status"] in CAPTURED
        ]
        if not captures:
            raise RefundRefused("This PayPal payment has nothing captured to refund.")
        try:
            refund = self._call(
                self.client.payments.refund_captured_payment,
                {
                    "capture_id": captures[-1]["id"],
                    "paypal_request_id": idempotency_key,
                    "prefer": "return=representation",
                    "body": RefundRequest(
                        amount=Money(currency_code=currency.upper(), value=format_amount(amount, currency))
                    ),
                },
            )
        except PayPalRefused as refused:
            if refused.issues & REFUND_REFUSED:
                raise RefundRefused(refused.message or "PayPal refused the refund.") from refused
            raise PaymentServiceUnavailable(f"PayPal refused the refund: {refused}") from refused
        return Refund(reference=refund["id"], amount=to_decimal(refund["amount"]["value"]))

    def parse_webhook(self, body, headers):
        signature = {}
        for field, header in SIGNATURE_HEADERS.items():
            value = headers.get(header, "")
            if not value:
                raise WebhookRejected(f"PayPal webhook without its {header} header")
            signature[field] = value
        if not settings.PAYPAL_WEBHOOK_ID:
            raise WebhookRejected("PAYPAL_WEBHOOK_ID is not set, so no PayPal webhook can be verified")
        self._refuse_stale(signature["transmission_time"])
        try:
            text = body.decode("utf-8")
            event = json.loads(text)
        except (UnicodeDecodeError, ValueError) as error:
            raise WebhookRejected(f"PayPal webhook body is not JSON: {error}") from error
        if not isinstance(event, dict) or not event.get("id") or not event.get("event_type"):
            raise WebhookRejected("PayPal webhook body is not an event")
        request = json.dumps({**signature, "webhook_id": settings.PAYPAL_WEBHOOK_ID})
        request = request[:-1] + ', "webhook_event": ' + text + "}"
        try:
            verified = self._call(WebhookSignatures(self.client.global_configuration).verify, request)
        except PayPalRefused as refused:
            raise WebhookRejected(f"PayPal would not verify the signature: {refused}") from refused
        if verified.get("verification_status") != "SUCCESS":
            raise WebhookRejected("PayPal says the webhook signature is not genuine")
        return self._event(event)

    # --- reading PayPal's answers --------------------------------------------------------------

    def _refuse_stale(self, transmission_time):
        try:
            sent = datetime.fromisoformat(transmission_time.replace("Z", "+00:00"))
        except ValueError as error:
            raise WebhookRejected(
                f"PayPal webhook transmission time {transmission_time!r} unreadable"
            ) from error
        if sent.tzinfo is None:
            sent = sent.replace(tzinfo=UTC)
        age = (datetime.now(UTC) - sent).total_seconds()
        # A genuine delivery replayed later still verifies at PayPal: its age is what gives it away.
        if abs(age) > settings.PAYMENTS_WEBHOOK_TOLERANCE_SECONDS:
            raise WebhookRejected(f"PayPal webhook sent {int(age)} s ago is stale")

    def _event(self, event):
        resource = event.get("resource") or {}
        kind = WEBHOOK_KINDS.get(event["event_type"], "")
        related = (resource.get("supplementary_data") or {}).get("related_ids") or {}
        if event["event_type"].startswith("CHECKOUT.ORDER."):
            reference = resource.get("id", "")
        else:
            reference = related.get("order_id", "")
        amount = resource.get("amount") or {}
        raw = {"type": event["event_type"], "id": event["id"]}
        if kind == "refunded":
            if not reference:
                reference = self._order_of_refund(resource)
            raw["refunds"] = [(resource.get("id", ""), str(to_decimal(amount.get("value"))))]
        return WebhookEvent(
            event_id=event["id"],
            kind=kind,
            payment_reference=reference,
            amount=to_decimal(amount["value"]) if amount.get("value") else None,
            currency=amount.get("currency_code", ""),
            raw=raw,
        )

    def _order_of_refund(self, refund):
        """A refund event names its capture (link "up"); the capture names its order."""
        capture_id = next(
            (
                link["href"].rstrip("/").rsplit("/", 1)[-1]
                for link in refund.get("links") or []
                if link.get("rel") == "up"
            ),
            "",
        )
        if not capture_id:
            return ""
        try:
            capture = self._call(self.client.payments.get_captured_payment, {"capture_id": capture_id})
        except PayPalRefused:
            return ""
        return ((capture.get("supplementary_data") or {}).get("related_ids") or {}).get("order_id", "")

    @staticmethod
    def _payments(order):
        return ((order.get("purchase_units") or [{}])[0]).get("payments") or {}

    def _captures(self, order):
        return self._payments(order).get("captures") or []

    def _authorization(self, order):
        authorizations = self._payments(order).get("authorizations") or []
        return authorizations[-1] if authorizations else None

    def _state(self, order, status="", decline_reason=""):
        unit = (order.get("purchase_units") or [{}])[0]
        amount = unit.get("amount") or {}
        captures = self._captures(order)
        captured = sum(
            (to_decimal(c["amount"]["value"]) for c in captures if c.get("status") in CAPTURED),
            Decimal("0.00"),
        )
        approval_url = next(
            (
                link["href"]
                for link in order.get("links") or []
                if link.get("rel") in ("payer-action", "approve")
            ),
            "",
        )
        return PaymentState(
            reference=order["id"],
            status=status or self._status(order, captures),
            amount=to_decimal(amount.get("value")),
            currency=amount.get("currency_code", ""),
            amount_captured=captured,
            approval_url=approval_url,
            approved=order.get("status") == "APPROVED" and not status,
            decline_reason=decline_reason,
        )

    def _status(self, order, captures):
        status = order.get("status", "")
        if status == "VOIDED":
            return CANCELLED
        if status != "COMPLETED":
            return REQUIRES_ACTION  # CREATED, PAYER_ACTION_REQUIRED, APPROVED, SAVED: not paid yet
        capture_states = {capture.get("status") for capture in captures}
        if capture_states & CAPTURED:
            return SUCCEEDED
        if capture_states & {"DECLINED", "FAILED"}:
            return FAILED
        if "PENDING" in capture_states:
            return REQUIRES_ACTION  # PayPal is still reviewing it; a webhook or reconciliation follows
        authorization = self._authorization(order)
        if authorization is None:
            return REQUIRES_ACTION
        return {
            "CREATED": AUTHORISED,
            "PENDING": AUTHORISED,
            "CAPTURED": SUCCEEDED,
            "PARTIALLY_CAPTURED": SUCCEEDED,
            "VOIDED": CANCELLED,
            "EXPIRED": CANCELLED,
            "DENIED": FAILED,
        }.get(authorization.get("status"), REQUIRES_ACTION)


class PayPalRefused(Exception):
    """PayPal understood the request and refused it (4xx): its issue names say why."""

    def __init__(self, status, issues, message):
        self.status = status
        self.issues = issues
        self.message = message
        super().__init__(f"{status} {', '.join(sorted(issues)) or message}")
