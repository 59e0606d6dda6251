"""Products, a second shopper and an API client for the headless API's HTTP tests.

The shopper is the suite's (tests/shop_fixtures.py); the client's steps are in api_steps.py.
"""

from decimal import Decimal

import pytest
from oscar.test.factories import UserFactory, create_product
from rest_framework.test import APIClient


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def other_shopper(db):
    return UserFactory()


@pytest.fixture
def product(db):
    return create_product(title="Вишиванка", price=Decimal("24.00"), num_in_stock=20)


@pytest.fixture
def second_product(db):
    return create_product(title="Глечик", price=Decimal("11.50"), num_in_stock=20)
