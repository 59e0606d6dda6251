#!/usr/bin/env python3
"""A headless client: buys one product from a Ptashka shop through its API alone, and prints what it does.

    python examples/headless_checkout.py                                  # a guest, against `make run`
    python examples/headless_checkout.py --username admin@ptashka.localhost --password ptashka-admin
    python examples/headless_checkout.py --gateway stripe --card pm_card_visa    # a shop with Stripe keys

The flow: list products -> pick one available -> add it to the basket -> shipping methods ->
payment methods -> checkout with an address -> pay (Dummy: nothing to do; Stripe: a payment method
id made by Stripe's SDK, here a test one) -> poll the order until it is Paid.

Only the standard library and `requests`. Exits 0 when the order is paid, non-zero with a message
saying what went wrong otherwise. The API is described at <base-url>/api/docs/.
"""

import argparse
import sys
import time

import requests

TIMEOUT_SECONDS = 15


class CheckoutFailed(Exception):
    """A step that did not work; the message says which and why."""


class Shop:
    """The shop's API, over one HTTP session (a guest's basket lives in its session cookie)."""

    def __init__(self, base_url, log):
        self.base_url = base_url.rstrip("/")
        self.http = requests.Session()
        self.http.headers["Accept"] = "application/json"
        self.log = log

    def url(self, path_or_url):
        return path_or_url if path_or_url.startswith("http") else f"{self.base_url}{path_or_url}"

    def call(self, method, path_or_url, step, expect=(200,), **kwargs):
        url = self.url(path_or_url)
        try:
            response = self.http.request(method, url, timeout=TIMEOUT_SECONDS, **kwargs)
        except requests.ConnectionError as error:
            raise CheckoutFailed(
                f"{step}: cannot reach {self.base_url} — is the shop running (`make run`)? ({error})"
            ) from error
        except requests.Timeout as error:
            raise CheckoutFailed(f"{step}: {url} did not answer within {TIMEOUT_SECONDS} s") from error
        if response.status_code not in expect:
            raise CheckoutFailed(
                f"{step}: {method} {url} answered {response.status_code}: {explain(response)}"
            )
        return response

    def get(self, path_or_url, step, **kwargs):
        return self.call("GET", path_or_url, step, **kwargs).json()

    def post(self, path_or_url, body, step, **kwargs):
        return self.call("POST", path_or_url, step, json=body, **kwargs)


def explain(response):
    """The error an API answer carries, in one line."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:300] or response.reason
    if isinstance(body, dict) and "detail" in body:
        return str(body["detail"])
    return str(body)[:500]


def sign_in(shop, username, password):
    tokens = shop.post("/api/auth/token/", {"username": username, "password": password}, "sign in").json()
    shop.http.headers["Authorization"] = f"Bearer {tokens['access']}"
    shop.log(f"signed in as {username}")


def catalogue(shop):
    """Every product summary, page by page: the API answers lists as {count, next, previous, results}."""
    page = shop.get("/api/products/", "list products")
    shop.log(f"the catalogue lists {page['count']} products")
    while True:
        yield from page["results"]
        if not page["next"]:
            return
        page = shop.get(page["next"], "list more products")


def pick_available_product(shop):
    for summary in catalogue(shop):
        product = shop.get(summary["url"], "read a product")
        if product.get("structure") == "parent":
            continue  # a parent is bought through one of its variants
        availability = shop.get(product["availability"], "read availability")
        if availability.get("is_available_to_buy"):
            price = shop.get(product["price"], "read the price")
            shop.log(f"picked “{product['title']}” at {price['incl_tax']} {price['currency']}")
            return product
    raise CheckoutFailed("pick a product: nothing in the catalogue is available to buy")


def fill_basket(shop, product):
    shop.post("/api/basket/add-product/", {"url": product["url"], "quantity": 1}, "add to basket")
    basket = shop.get("/api/basket/", "read the basket")
    shop.log(f"basket #{basket['id']}: total {basket['total_incl_tax']} {basket['currency']}")
    return basket


def choose_shipping(shop):
    methods = shop.get("/api/basket/shipping-methods/", "list shipping methods")
    if not methods:
        raise CheckoutFailed("list shipping methods: the shop offers none for this basket")
    method = methods[0]  # the shop lists the cheapest first
    shop.log(f"shipping: {method['name']} ({method['price']['incl_tax']} {method['price']['currency']})")
    return method


def choose_payment(shop, wanted):
    methods = shop.get("/api/basket/payment-methods/", "list payment methods")
    offered = {method["code"]: method for method in methods}
    shop.log("payment methods offered: " + ", ".join(offered))
    if wanted and wanted not in offered:
        raise CheckoutFailed(
            f"choose a payment method: {wanted!r} is not offered (only {', '.join(offered)})"
        )
    method = offered[wanted] if wanted else methods[0]
    note = " [test only]" if method["test_only"] else ""
    shop.log(f"paying with {method['label']}{note}")
    return method


def address(shop, country_code):
    country = shop.url(f"/api/countries/{country_code}/")
    shop.get(country, f"find the shipping country {country_code}")
    return {
        "first_name": "Оксана",
        "last_name": "Коваль",
        "line1": "вул. Хрещатик, 1",
        "line4": "Київ",
        "postcode": "01001",
        "country": country,
    }


def check_out(shop, basket, shipping, payment_method, shipping_address, email):
    body = {
        "basket": basket["url"],
        "shipping_method_code": shipping["code"],
        "shipping_address": shipping_address,
        "payment_method": payment_method["code"],
    }
    if email:
        body["guest_email"] = email
    order = shop.post("/api/checkout/", body, "check out").json()
    payment = order["payment"] or {}
    shop.log(
        f"order {order['number']} placed: {order['total_incl_tax']} {order['currency']}, "
        f"status {order['status']}, payment {payment.get('status', 'none needed')}"
    )
    return order


def pay(shop, order, card):
    """Pay what is still to pay: nothing for Dummy; a payment method id for Stripe."""
    payment = order["payment"]
    if payment is None or payment["status"] in ("succeeded", "authorised"):
        return
    if payment["approval_url"]:
        shop.log(f"approve the payment at {payment['approval_url']}, then this client confirms it")
        raise CheckoutFailed("pay: approving a PayPal payment needs a shopper in a browser")
    if not card:
        raise CheckoutFailed("pay: this gateway needs a payment method id: pass --card (e.g. pm_card_visa)")
    answer = shop.call(
        "POST",
        payment["confirm_url"],
        "pay",
        expect=(200, 402),
        json={"payment_method": card},
    )
    if answer.status_code == 402:
        raise CheckoutFailed(f"pay: the card was declined: {explain(answer)}")
    state = answer.json()
    if state["status"] == "requires_action":
        raise CheckoutFailed(
            "pay: the bank asks for 3-D Secure, which Stripe's SDK finishes in a real client "
            f"with client_secret {state['client_secret'][:12]}…"
        )
    shop.log(f"paid with {card}: payment {state['status']}")


def wait_until_paid(shop, order, timeout):
    deadline = time.monotonic() + timeout
    while True:
        status = shop.get(order["url"], "follow the order")["status"]
        if status in ("Paid", "Authorised"):
            shop.log(f"order {order['number']} is {status}")
            return status
        if status == "Cancelled" or time.monotonic() > deadline:
            raise CheckoutFailed(f"follow the order: it is still {status} after {timeout} s")
        time.sleep(0.5)


def run(args, log):
    shop = Shop(args.base_url, log)
    log(f"shop at {shop.base_url} (API described at {shop.base_url}/api/docs/)")
    if args.username:
        sign_in(shop, args.username, args.password)
        email = ""
    else:
        email = args.email
        log(f"checking out as a guest ({email})")
    product = pick_available_product(shop)
    basket = fill_basket(shop, product)
    shipping = choose_shipping(shop)
    payment_method = choose_payment(shop, args.gateway)
    if payment_method["code"] == "stripe" and not args.card:
        # Found out before ordering: Stripe needs a payment method made with Stripe's SDK.
        raise CheckoutFailed("pay: Stripe needs a payment method id: pass --card (e.g. pm_card_visa)")
    order = check_out(shop, basket, shipping, payment_method, address(shop, args.country), email)
    pay(shop, order, args.card)
    return wait_until_paid(shop, order, args.timeout)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="the shop (default: %(default)s)")
    parser.add_argument("--username", help="sign in with this username or email (else: a guest)")
    parser.add_argument("--password", help="the password, with --username")
    parser.add_argument("--email", default="guest@example.com", help="a guest's email (default: %(default)s)")
    parser.add_argument("--gateway", help="a payment method code (default: the first the shop offers)")
    parser.add_argument("--card", help="Stripe: a payment method id made by Stripe's SDK, e.g. pm_card_visa")
    parser.add_argument(
        "--country", default="UA", help="ISO code of the shipping country (default: %(default)s)"
    )
    parser.add_argument(
        "--timeout", type=float, default=30, help="seconds to wait for Paid (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    if args.username and not args.password:
        parser.error("--username needs --password")
    return args


def main(argv=None):
    args = parse_args(argv)

    def log(message):
        print(f"· {message}", flush=True)

    try:
        run(args, log)
    except CheckoutFailed as failure:
        print(f"✗ {failure}", file=sys.stderr)
        return 1
    print("✓ checkout complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
