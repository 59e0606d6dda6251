"""A small stateful fake of PayPal's REST API (OAuth, Orders v2, payments, webhook verification).

It serves the endpoints the shop's PayPal bridge calls, on a loopback port, honouring PayPal-Request-Id
(a repeated key gets the first answer back). Test-only hooks stand in for the buyer at PayPal
(approve, cancel, approve with a card PayPal will decline) and for PayPal's webhook deliveries, signed
so that the fake's verify-webhook-signature accepts them, or forged so that it does not.

Run it alone for the demo (see README, "PayPal"):
    .venv/bin/python tests/fakes/paypal_server.py --port 8430
"""

import argparse
import base64
import hashlib
import hmac
import itertools
import json
import secrets
import threading
import time
import zlib
from datetime import UTC, datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

CLIENT_ID = "fake-paypal-client-id"
CLIENT_SECRET = "fake-paypal-client-secret"  # noqa: S105 (a stand-in's test value)
WEBHOOK_ID = "WH-FAKE-0000000000000000"
PAYER_ID = "FAKEPAYER0001"


def now():
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def money(value, currency):
    return {"currency_code": currency, "value": str(Decimal(value).quantize(Decimal("0.01")))}


class PayPalError(Exception):
    def __init__(self, status, name, issue="", message=""):
        self.status = status
        self.body = {
            "name": name,
            "message": message or name.replace("_", " ").capitalize(),
            "debug_id": secrets.token_hex(6),
            "details": [{"issue": issue, "description": issue}] if issue else [],
        }


class FakePayPal:
    """The provider side: orders, authorizations, captures, refunds and stored idempotent answers."""

    def __init__(self, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, webhook_id=WEBHOOK_ID):
        self.client_id = client_id
        self.client_secret = client_secret
        self.webhook_id = webhook_id
        self.signing_key = secrets.token_bytes(32)
        self.lock = threading.RLock()
        self.ids = itertools.count(1)
        self.base_url = ""
        self.reset()

    def reset(self):
        """Forget every order and stored answer (tests reuse order numbers, hence request ids)."""
        with self.lock:
            self.orders = {}
            self.authorizations = {}
            self.captures = {}
            self.refunds = {}
            self.answers = {}  # (path, PayPal-Request-Id) -> (status, body)
            self.calls = []  # (method, path, PayPal-Request-Id or None), for tests of the keys sent
            self.outage = False
            self.delay_seconds = 0  # how long the fake takes to answer (tests of the client's timeout)

    # --- what tokens the fake hands out: fixed per client, so a token cached by the shop stays good

    @property
    def access_token(self):
        return (
            "A21AAfake" + hashlib.sha256(f"{self.client_id}:{self.client_secret}".encode()).hexdigest()[:40]
        )

    def new_id(self, prefix):
        return f"{prefix}{next(self.ids):06d}{secrets.token_hex(4).upper()}"

    # --- the API ------------------------------------------------------------------------------

    def handle(self, method, path, headers, body):
        """One API request; returns (status, JSON body)."""
        request_id = headers.get("PayPal-Request-Id")
        with self.lock:
            self.calls.append((method, path, request_id))
            if self.outage:
                return 503, {"name": "SERVICE_UNAVAILABLE", "message": "Service unavailable (fake outage)."}
            if path == "/v1/oauth2/token":
                return self.token(headers, body)
            if headers.get("Authorization") != f"Bearer {self.access_token}":
                return 401, {
                    "error": "invalid_token",
                    "error_description": "Token signature verification failed",
                }
            if method == "POST" and request_id and (path, request_id) in self.answers:
                return self.answers[(path, request_id)]
            try:
                data = json.loads(body or b"{}") if method == "POST" else {}
                status, answer = self.route(method, path, data)
            except PayPalError as error:
                if method == "POST" and request_id and error.status == 422:
                    # Whether PayPal replays a refusal for a repeated request id is not documented; the
                    # fake assumes it does, so a retry after a decline must come with a new id.
                    self.answers[(path, request_id)] = (error.status, error.body)
                return error.status, error.body
            except (ValueError, KeyError, TypeError) as error:
                return 400, PayPalError(400, "INVALID_REQUEST", "MALFORMED_REQUEST_JSON", str(error)).body
            if method == "POST" and request_id and 200 <= status < 300:
                # A repeated request id gets the first answer (PayPal says 200 for a replayed create).
                self.answers[(path, request_id)] = (200, answer)
            return status, answer

    def token(self, headers, body):
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if headers.get("Authorization") != f"Basic {expected}":
            return 401, {"error": "invalid_client", "error_description": "Client Authentication failed"}
        if parse_qs((body or b"").decode()).get("grant_type") != ["client_credentials"]:
            return 400, {"error": "unsupported_grant_type"}
        return 200, {
            "scope": "https://uri.paypal.com/services/payments/payment",
            "access_token": self.access_token,
            "token_type": "Bearer",
            "app_id": "APP-FAKE",
            "expires_in": 32400,
            "nonce": secrets.token_hex(8),
        }

    def route(self, method, path, data):
        parts = path.strip("/").split("/")
        match method, parts:
            case "POST", ["v2", "checkout", "orders"]:
                return 201, self.create_order(data)
            case "GET", ["v2", "checkout", "orders", order_id]:
                return 200, self.order(order_id)
            case "POST", ["v2", "checkout", "orders", order_id, "capture"]:
                return 201, self.capture_order(order_id)
            case "POST", ["v2", "checkout", "orders", order_id, "authorize"]:
                return 201, self.authorize_order(order_id)
            case "POST", ["v2", "payments", "authorizations", authorization_id, "capture"]:
                return 201, self.capture_authorization(authorization_id, data)
            case "POST", ["v2", "payments", "authorizations", authorization_id, "void"]:
                return 200, self.void(authorization_id)
            case "GET", ["v2", "payments", "captures", capture_id]:
                return 200, self.found(self.captures, capture_id)
            case "POST", ["v2", "payments", "captures", capture_id, "refund"]:
                return 201, self.refund(capture_id, data)
            case "POST", ["v1", "notifications", "verify-webhook-signature"]:
                return 200, self.verify_webhook_signature(data)
        raise PayPalError(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", f"No {method} {path}")

    def found(self, table, key):
        if key not in table:
            raise PayPalError(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID")
        return table[key]

    def create_order(self, data):
        intent = data["intent"]
        if intent not in ("CAPTURE", "AUTHORIZE"):
            raise PayPalError(400, "INVALID_REQUEST", "INVALID_PARAMETER_VALUE", "intent")
        unit = data["purchase_units"][0]
        amount = money(unit["amount"]["value"], unit["amount"]["currency_code"])
        if Decimal(amount["value"]) <= 0:
            raise PayPalError(422, "UNPROCESSABLE_ENTITY", "AMOUNT_NOT_POSITIVE")
        experience = ((data.get("payment_source") or {}).get("paypal") or {}).get("experience_context") or {}
        order_id = self.new_id("5O")
        payer_action = "payer-action" if experience else "approve"
        order = {
            "id": order_id,
            "intent": intent,
            "status": "PAYER_ACTION_REQUIRED" if experience else "CREATED",
            "purchase_units": [
                {
                    "reference_id": unit.get("reference_id", "default"),
                    "custom_id": unit.get("custom_id", ""),
                    "invoice_id": unit.get("invoice_id", ""),
                    "amount": amount,
                    "payee": {"merchant_id": "FAKEMERCHANT1"},
                    "payments": {},
                }
            ],
            "create_time": now(),
            "links": [
                {"href": f"{self.base_url}/v2/checkout/orders/{order_id}", "rel": "self", "method": "GET"},
                {
                    "href": f"{self.base_url}/checkoutnow?token={order_id}",
                    "rel": payer_action,
                    "method": "GET",
                },
            ],
            "_return_url": experience.get("return_url", ""),
            "_cancel_url": experience.get("cancel_url", ""),
            "_decline": False,
        }
        self.orders[order_id] = order
        return self.public(order)

    def public(self, thing):
        """What PayPal shows of a record: the fake's own bookkeeping (keys starting "_") left out."""
        if isinstance(thing, dict):
            return {key: self.public(value) for key, value in thing.items() if not key.startswith("_")}
        if isinstance(thing, list):
            return [self.public(value) for value in thing]
        return thing

    def order(self, order_id):
        return self.public(self.found(self.orders, order_id))

    def complete(self, order, kind):
        if order["status"] == "COMPLETED":
            issue = "ORDER_ALREADY_CAPTURED" if kind == "capture" else "ORDER_ALREADY_AUTHORIZED"
            raise PayPalError(422, "UNPROCESSABLE_ENTITY", issue)
        if order["intent"] != ("CAPTURE" if kind == "capture" else "AUTHORIZE"):
            raise PayPalError(422, "UNPROCESSABLE_ENTITY", "ACTION_DOES_NOT_MATCH_INTENT")
        if order["status"] != "APPROVED":
            raise PayPalError(422, "UNPROCESSABLE_ENTITY", "ORDER_NOT_APPROVED")
        if order["_decline"]:
            # As at PayPal: the buyer has to approve again with another way to pay.
            order["status"] = "PAYER_ACTION_REQUIRED"
            order["_decline"] = False
            raise PayPalError(422, "UNPROCESSABLE_ENTITY", "INSTRUMENT_DECLINED")
        order["status"] = "COMPLETED"
        order["update_time"] = now()

    def new_capture(self, order, amount):
        capture_id = self.new_id("3C")
        capture = {
            "id": capture_id,
            "status": "COMPLETED",
            "amount": amount,
            "final_capture": True,
            "invoice_id": order["purchase_units"][0]["invoice_id"],
            "custom_id": order["purchase_units"][0]["custom_id"],
            "seller_protection": {"status": "ELIGIBLE"},
            "supplementary_data": {"related_ids": {"order_id": order["id"]}},
            "create_time": now(),
            "links": [
                {
                    "href": f"{self.base_url}/v2/payments/captures/{capture_id}",
                    "rel": "self",
                    "method": "GET",
                },
                {
                    "href": f"{self.base_url}/v2/payments/captures/{capture_id}/refund",
                    "rel": "refund",
                    "method": "POST",
                },
            ],
            "_refunded": "0.00",
        }
        self.captures[capture_id] = capture
        order["purchase_units"][0]["payments"].setdefault("captures", []).append(capture)
        return capture

    def capture_order(self, order_id):
        order = self.found(self.orders, order_id)
        self.complete(order, "capture")
        self.new_capture(order, order["purchase_units"][0]["amount"])
        return self.order(order_id)

    def authorize_order(self, order_id):
        order = self.found(self.orders, order_id)
        self.complete(order, "authorize")
        authorization_id = self.new_id("0A")
        authorization = {
            "id": authorization_id,
            "status": "CREATED",
            "amount": order["purchase_units"][0]["amount"],
            "invoice_id": order["purchase_units"][0]["invoice_id"],
            "supplementary_data": {"related_ids": {"order_id": order_id}},
            "create_time": now(),
            "expiration_time": now(),
            "links": [],
            "_order": order_id,
        }
        self.authorizations[authorization_id] = authorization
        order["purchase_units"][0]["payments"].setdefault("authorizations", []).append(authorization)
        return self.order(order_id)

    def capture_authorization(self, authorization_id, data):
        authorization = self.found(self.authorizations, authorization_id)
        if authorization["status"] == "CAPTURED":
            raise PayPalError(422, "UNPROCESSABLE_ENTITY", "AUTHORIZATION_ALREADY_CAPTURED")
        if authorization["status"] != "CREATED":
            raise PayPalError(422, "UNPROCESSABLE_ENTITY", "AUTHORIZATION_VOIDED")
        currency = authorization["amount"]["currency_code"]
        amount = money((data.get("amount") or authorization["amount"])["value"], currency)
        if Decimal(amount["value"]) > Decimal(authorization["amount"]["value"]):
            raise PayPalError(422, "UNPROCESSABLE_ENTITY", "MAX_CAPTURE_AMOUNT_EXCEEDED")
        authorization["status"] = "CAPTURED"
        capture = self.new_capture(self.orders[authorization["_order"]], amount)
        return self.public(capture)

    def void(self, authorization_id):
        authorization = self.found(self.authorizations, authorization_id)
        if authorization["status"] == "CAPTURED":
            raise PayPalError(422, "UNPROCESSABLE_ENTITY", "AUTHORIZATION_ALREADY_CAPTURED")
        authorization["status"] = "VOIDED"
        return self.public(authorization)

    def refund(self, capture_id, data):
        capture = self.found(self.captures, capture_id)
        currency = capture["amount"]["currency_code"]
        left = Decimal(capture["amount"]["value"]) - Decimal(capture["_refunded"])
        amount = money((data.get("amount") or {"value": left})["value"], currency)
        if left <= 0:
            raise PayPalError(422, "UNPROCESSABLE_ENTITY", "CAPTURE_FULLY_REFUNDED")
        if Decimal(amount["value"]) > left:
            raise PayPalError(422, "UNPROCESSABLE_ENTITY", "REFUND_AMOUNT_EXCEEDED")
        capture["_refunded"] = str(Decimal(capture["_refunded"]) + Decimal(amount["value"]))
        capture["status"] = "REFUNDED" if Decimal(amount["value"]) == left else "PARTIALLY_REFUNDED"
        refund_id = self.new_id("1R")
        refund = {
            "id": refund_id,
            "status": "COMPLETED",
            "amount": amount,
            "create_time": now(),
            "links": [
                {"href": f"{self.base_url}/v2/payments/refunds/{refund_id}", "rel": "self", "method": "GET"},
                {"href": f"{self.base_url}/v2/payments/captures/{capture_id}", "rel": "up", "method": "GET"},
            ],
        }
        self.refunds[refund_id] = refund
        order = self.orders[capture["supplementary_data"]["related_ids"]["order_id"]]
        order["purchase_units"][0]["payments"].setdefault("refunds", []).append(refund)
        return refund

    # --- webhooks -----------------------------------------------------------------------------

    def signature(self, transmission_id, transmission_time, webhook_id, event):
        # PayPal signs "<id>|<time>|<webhook id>|<crc32 of the body>" with its certificate's key; an
        # HMAC over the same string is enough for a stand-in that alone does the verifying.
        canonical = json.dumps(event, sort_keys=True, separators=(",", ":")).encode()
        message = f"{transmission_id}|{transmission_time}|{webhook_id}|{zlib.crc32(canonical)}"
        return base64.b64encode(
            hmac.new(self.signing_key, message.encode(), hashlib.sha256).digest()
        ).decode()

    def verify_webhook_signature(self, data):
        for field in ("auth_algo", "cert_url", "transmission_id", "transmission_sig", "transmission_time"):
            if not data.get(field):
                raise PayPalError(400, "VALIDATION_ERROR", "MISSING_REQUIRED_PARAMETER", field)
        genuine = (
            data.get("webhook_id") == self.webhook_id
            and data["auth_algo"] == "SHA256withRSA"
            and data["cert_url"].startswith(self.base_url)
            and hmac.compare_digest(
                data["transmission_sig"],
                self.signature(
                    data["transmission_id"],
                    data["transmission_time"],
                    data["webhook_id"],
                    data["webhook_event"],
                ),
            )
        )
        return {"verification_status": "SUCCESS" if genuine else "FAILURE"}

    def webhook_delivery(self, event_type, resource, *, forged=False, sent_at=None, event_id=None):
        """A webhook as PayPal would POST it: (body bytes, headers); forged ones fail verification."""
        event = {
            "id": event_id or self.new_id("WH-"),
            "event_version": "1.0",
            "create_time": now(),
            "resource_type": event_type.split(".")[-2].lower(),
            "event_type": event_type,
            "summary": f"{event_type} (fake)",
            "resource": self.public(resource),
        }
        transmission_id = secrets.token_hex(16)
        transmission_time = (sent_at or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        signature = self.signature(transmission_id, transmission_time, self.webhook_id, event)
        if forged:
            signature = base64.b64encode(secrets.token_bytes(32)).decode()
        headers = {
            "PAYPAL-AUTH-ALGO": "SHA256withRSA",
            "PAYPAL-CERT-URL": f"{self.base_url}/v1/notifications/certs/CERT-FAKE",
            "PAYPAL-TRANSMISSION-ID": transmission_id,
            "PAYPAL-TRANSMISSION-SIG": signature,
            "PAYPAL-TRANSMISSION-TIME": transmission_time,
        }
        return json.dumps(event).encode(), headers

    # --- the buyer at PayPal ------------------------------------------------------------------

    def approve(self, order_id, *, decline=False, payer_id=PAYER_ID):
        """The buyer logs in and approves; with decline, PayPal will refuse the funding at capture.
        Returns where PayPal sends the buyer back (the shop's return URL)."""
        with self.lock:
            order = self.found(self.orders, order_id)
            if order["status"] not in ("CREATED", "PAYER_ACTION_REQUIRED"):
                raise PayPalError(422, "UNPROCESSABLE_ENTITY", "ORDER_CANNOT_BE_APPROVED")
            order["status"] = "APPROVED"
            order["_decline"] = decline
            order["update_time"] = now()
            order["payer"] = {
                "payer_id": payer_id,
                "email_address": "buyer@example.com",
                "name": {"given_name": "Taras", "surname": "Shevchenko"},
            }
            return f"{order['_return_url']}?{urlencode({'token': order_id, 'PayerID': payer_id})}"

    def cancel_approval(self, order_id):
        """The buyer clicks "Cancel and return to the shop"; the order stays unapproved."""
        with self.lock:
            order = self.found(self.orders, order_id)
            separator = "&" if "?" in order["_cancel_url"] else "?"
            return f"{order['_cancel_url']}{separator}{urlencode({'token': order_id})}"

    def approval_page(self, order_id):
        order = self.found(self.orders, order_id)
        amount = order["purchase_units"][0]["amount"]
        number = order["purchase_units"][0]["custom_id"]
        return f"""<!doctype html><html><head><meta charset="utf-8"><title>Fake PayPal</title></head>
<body style="font-family: sans-serif; max-width: 30em; margin: 3em auto">
<h1>Fake PayPal — no money moves</h1>
<p>Pay <strong>{amount["value"]} {amount["currency_code"]}</strong> for order {number}.</p>
<form method="post" action="/checkoutnow/approve?token={order_id}">
<button id="approve">Pay now</button></form>
<form method="post" action="/checkoutnow/decline?token={order_id}"><button id="decline">Pay with a card
PayPal declines</button></form>
<form method="post" action="/checkoutnow/cancel?token={order_id}"><button id="cancel">Cancel and return to
the shop</button></form></body></html>"""


class Handler(BaseHTTPRequestHandler):
    fake: FakePayPal

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass

    def _answer(self, status, body, content_type="application/json", location=""):
        payload = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Paypal-Debug-Id", secrets.token_hex(6))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(payload)

    def _buyer(self, method):
        """The approval pages a buyer's browser sees (not part of the REST API)."""
        url = urlsplit(self.path)
        order_id = parse_qs(url.query).get("token", [""])[0]
        try:
            if method == "GET" and url.path == "/checkoutnow":
                return self._answer(200, self.fake.approval_page(order_id), "text/html; charset=utf-8")
            if method == "POST" and url.path == "/checkoutnow/approve":
                return self._answer(303, "", location=self.fake.approve(order_id))
            if method == "POST" and url.path == "/checkoutnow/decline":
                return self._answer(303, "", location=self.fake.approve(order_id, decline=True))
            if method == "POST" and url.path == "/checkoutnow/cancel":
                return self._answer(303, "", location=self.fake.cancel_approval(order_id))
        except PayPalError as error:
            return self._answer(error.status, error.body)
        return None

    def _api(self, method):
        if self.fake.delay_seconds:
            time.sleep(self.fake.delay_seconds)
        if urlsplit(self.path).path.startswith("/checkoutnow"):
            if self._buyer(method) is None:
                self._answer(404, {"name": "RESOURCE_NOT_FOUND"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, answer = self.fake.handle(method, urlsplit(self.path).path, self.headers, body)
        self._answer(status, answer)

    def do_GET(self):  # noqa: N802 (http.server's name)
        self._api("GET")

    def do_POST(self):  # noqa: N802
        self._api("POST")


def serve(fake, port=0):
    """Start the fake on a loopback port in a daemon thread; returns the running server."""
    handler = type("FakePayPalHandler", (Handler,), {"fake": fake})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, name="fake-paypal", daemon=True).start()
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8430)
    parser.add_argument("--client-id", default=CLIENT_ID)
    parser.add_argument("--client-secret", default=CLIENT_SECRET)
    parser.add_argument("--webhook-id", default=WEBHOOK_ID)
    arguments = parser.parse_args()
    fake = FakePayPal(arguments.client_id, arguments.client_secret, arguments.webhook_id)
    server = serve(fake, arguments.port)
    print(f"fake PayPal on {fake.base_url} (client id {fake.client_id}); Ctrl-C stops it", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
