"""Thirty shoppers check out at once for the last ten units on real PostgreSQL: ten orders, no more."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import create_product, create_stockrecord

from tests.shop_fixtures import walk_to_preview

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")

SHOPPERS = 30
LAST_UNITS = 10

# Serialized rollback puts back what migrations made (content types…) that an earlier flush removed.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_thirty_concurrent_checkouts_for_the_last_ten_units_make_exactly_ten_orders():
    Country.objects.create(
        iso_3166_1_a2="UA", name="Ukraine", printable_name="Ukraine", is_shipping_country=True
    )
    product = create_product(title="Остання писанка")
    stock = create_stockrecord(product, price="12.00", num_in_stock=LAST_UNITS, currency="EUR")

    # given thirty guests, each at the place-order button with one unit in the basket
    clients = [Client() for _ in range(SHOPPERS)]
    for number, client in enumerate(clients):
        assert walk_to_preview(client, [product], email=f"shopper{number}@example.com").status_code == 200

    start = threading.Barrier(SHOPPERS)
    outcomes = [None] * SHOPPERS

    def place_order(number):
        try:
            start.wait()  # every shopper clicks at the same moment, each on its own connection
            outcomes[number] = clients[number].post(reverse("checkout:preview"), {"action": "place_order"})
        finally:
            connection.close()

    threads = [threading.Thread(target=place_order, args=(number,)) for number in range(SHOPPERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then exactly ten orders were placed and exactly ten units are allocated
    stock.refresh_from_db()
    placed = [
        response
        for response in outcomes
        if response.status_code == 302 and "thank-you" in response["Location"]
    ]
    refused = [response for response in outcomes if response not in placed]
    assert Order.objects.count() == LAST_UNITS
    assert len(placed) == LAST_UNITS
    assert stock.num_allocated == LAST_UNITS
    assert stock.net_stock_level == 0
    # and every other shopper is told it is no longer in stock, with the basket kept
    assert len(refused) == SHOPPERS - LAST_UNITS
    for response in refused:
        assert "no longer" in message_text(response)
    kept = Basket.objects.filter(status=Basket.OPEN, lines__product=product).distinct()
    assert kept.count() == SHOPPERS - LAST_UNITS
    assert all(basket.num_items == 1 for basket in kept)


def message_text(response):
    """The error the shopper sees: on the re-rendered page, or in the messages shown after a redirect."""
    text = response.content.decode()
    stored = response.wsgi_request._messages
    return text + " ".join(str(message) for message in getattr(stored, "_queued_messages", []))
