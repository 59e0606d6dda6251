"""A small shop and a shopper walking through checkout up to the place-order button."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import create_product, create_stockrecord

Country = get_model("address", "Country")
OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")

ADDRESS = {
    "first_name": "Оксана",
    "last_name": "Коваль",
    "line1": "вул. Хрещатик, 1",
    "line4": "Київ",
    "postcode": "01001",
    "country": "UA",
}


@dataclass
class SmallShop:
    products: list
    shipping: object

    @property
    def product(self):
        return self.products[0]


@pytest.fixture
def small_shop(db):
    """Two products in EUR and one paid shipping method (5.00 per order)."""
    Country.objects.create(
        iso_3166_1_a2="UA", name="Ukraine", printable_name="Ukraine", is_shipping_country=True
    )
    products = []
    for title, price in (("Писанка", "12.00"), ("Вишиванка", "40.50")):
        product = create_product(title=title)
        create_stockrecord(product, price=price, num_in_stock=10, currency="EUR")
        products.append(product)
    shipping = OrderAndItemCharges.objects.create(
        code="nova-poshta",
        name="Nova Poshta",
        price_per_order=Decimal("5.00"),
        price_per_item=Decimal("0.00"),
    )
    return SmallShop(products=products, shipping=shipping)


def walk_to_preview(client, products, email="guest@example.com", quantity=1):
    """A guest puts products in the basket and goes through checkout up to the preview page."""
    for product in products:
        added = client.post(reverse("basket:add", args=[product.pk]), {"quantity": quantity})
        assert added.status_code == 302
    client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    methods = client.get(reverse("checkout:shipping-method"))
    if methods.status_code == 200:  # more than one method: choose the first offered
        code = methods.context["methods"][0].code
        client.post(reverse("checkout:shipping-method"), {"method_code": code})
    return client.get(reverse("checkout:payment-details"))


@pytest.fixture
def to_preview():
    return walk_to_preview


from tests.fakes.localstripe_process import _localstripe_marker, localstripe_url, stripe_settings  # noqa: E402, F401


@pytest.fixture(autouse=True)
def _fresh_dummy_provider(monkeypatch):
    """The Dummy gateway's "provider side" lives in the cache, and order numbers repeat between tests:
    each test gets its own key space (clearing the cache would flush a shared Redis database)."""
    import uuid

    monkeypatch.setattr("ptashka.payments.dummy.CACHE_PREFIX", f"dummy-gateway-test-{uuid.uuid4().hex}:")
