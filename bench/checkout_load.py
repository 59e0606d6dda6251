"""API checkout under load for `make bench`: guests buy through `/api/` with the Dummy gateway.

    python bench/checkout_load.py --base-url http://127.0.0.1:8000 --product-pks 12,13 \
        [--threads 8] [--seconds 20]

Each thread is one guest with its own session: add a product to the basket, check out with the
Dummy gateway, and again, until the time is up. Prints one JSON document: orders, orders/s, the
checkouts refused because the product sold out (409, as the shop should), and any other error.
Whether anything was oversold is checked afterwards by bench/run.py, in SQL.
"""

import argparse
import json
import sys
import threading
import time

import requests

TIMEOUT_SECONDS = 30
ADDRESS = {
    "first_name": "Bench",
    "last_name": "Shopper",
    "line1": "vul. Khreshchatyk, 1",
    "line4": "Kyiv",
    "postcode": "01001",
}


class Tally:
    """What the threads did, counted under one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.orders = 0
        self.refused_out_of_stock = 0
        self.errors = 0
        self.first_error = None

    def order(self):
        with self.lock:
            self.orders += 1

    def refusal(self):
        with self.lock:
            self.refused_out_of_stock += 1

    def error(self, message):
        with self.lock:
            self.errors += 1
            self.first_error = self.first_error or message


class LoopbackSession(requests.Session):
    """A session that sends the shop's Secure cookies back over plain HTTP: the bench talks to
    loopback, without TLS. (A cookie policy would not do: requests copies the jar into a new one,
    with the default policy, for every request.)"""

    def request(self, *args, **kwargs):
        response = super().request(*args, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response


def guest_session():
    session = LoopbackSession()
    session.headers["Accept"] = "application/json"
    return session


def buy_until(deadline, base_url, product_urls, thread_number, tally):
    """One guest buying product after product (in turn) until the deadline."""
    session = guest_session()
    country = f"{base_url}/api/countries/UA/"
    shipping_code = None
    turn = thread_number
    while time.monotonic() < deadline:
        product_url = product_urls[turn % len(product_urls)]
        turn += 1
        try:
            added = session.post(
                f"{base_url}/api/basket/add-product/",
                json={"url": product_url, "quantity": 1},
                timeout=TIMEOUT_SECONDS,
            )
            if added.status_code == 406 or added.status_code == 409:
                tally.refusal()  # sold out: the shop refuses to add it, as it should
                continue
            if added.status_code != 200:
                tally.error(f"add-product {added.status_code}: {added.text[:200]}")
                continue
            basket = added.json()
            if shipping_code is None:
                methods = session.get(f"{base_url}/api/basket/shipping-methods/", timeout=TIMEOUT_SECONDS)
                methods.raise_for_status()
                shipping_code = methods.json()[0]["code"]
            placed = session.post(
                f"{base_url}/api/checkout/",
                json={
                    "basket": basket["url"],
                    "shipping_method_code": shipping_code,
                    "shipping_address": {**ADDRESS, "country": country},
                    "guest_email": f"bench-guest-{thread_number}@example.com",
                    "payment_method": "dummy",
                },
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            tally.error(f"{type(error).__name__}: {error}")
            continue
        if placed.status_code == 200:
            tally.order()
        elif placed.status_code == 409:
            tally.refusal()
            # The refused basket is kept: start the next attempt from an empty one.
            session = guest_session()
            shipping_code = None
        else:
            tally.error(f"checkout {placed.status_code}: {placed.text[:200]}")
            session = guest_session()
            shipping_code = None


def run_load(base_url, product_pks, threads, seconds):
    product_urls = [f"{base_url}/api/products/{pk}/" for pk in product_pks]
    tally = Tally()
    started = time.monotonic()
    deadline = started + seconds
    workers = [
        threading.Thread(target=buy_until, args=(deadline, base_url, product_urls, number, tally))
        for number in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    return {
        "threads": threads,
        "seconds": elapsed,
        "orders": tally.orders,
        "orders_per_s": tally.orders / elapsed,
        "refused_out_of_stock": tally.refused_out_of_stock,
        "errors": tally.errors,
        "first_error": tally.first_error,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--product-pks", required=True, help="comma-separated pks of products to buy")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args(argv)
    if not 1 <= args.threads <= 8:
        parser.error("--threads is 1 to 8")
    pks = [int(pk) for pk in args.product_pks.split(",") if pk]
    json.dump(run_load(args.base_url.rstrip("/"), pks, args.threads, args.seconds), sys.stdout)


if __name__ == "__main__":
    main()
