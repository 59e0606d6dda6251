"""Twelve shoppers add the same new product to their baskets at once on real PostgreSQL: every add counts."""

import threading

import pytest
from django.db import connection
from oscar.core.loading import get_model
from oscar.test.factories import create_product
from rest_framework.test import APIClient

ProductRecord = get_model("analytics", "ProductRecord")
Line = get_model("basket", "Line")

# Each thread holds its own connection; PostgreSQL allows 100 and other suites run beside this one.
SHOPPERS = 12

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_concurrent_first_additions_of_a_product_all_succeed_and_are_all_counted():
    product = create_product(title="Нова писанка", price="9.00", num_in_stock=100)
    url = f"http://testserver/api/products/{product.pk}/"
    clients = [APIClient(raise_request_exception=False) for _ in range(SHOPPERS)]
    start = threading.Barrier(SHOPPERS)
    answers = [None] * SHOPPERS

    def add_to_basket(number):
        try:
            start.wait()  # every shopper presses "add" at the same moment, on its own connection
            answers[number] = clients[number].post(
                "/api/basket/add-product/", {"url": url, "quantity": 1}, format="json"
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=add_to_basket, args=(number,)) for number in range(SHOPPERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Before: Oscar's counter insert lost the race inside the request's transaction; 3 of 12 got a 500.
    assert [answer.status_code for answer in answers] == [200] * SHOPPERS
    assert Line.objects.filter(product=product).count() == SHOPPERS
    assert ProductRecord.objects.get(product=product).num_basket_additions == SHOPPERS
