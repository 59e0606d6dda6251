"""What the basket and checkout page tests share: a basket filled through the shop's own forms."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.shop_fixtures import ADDRESS

OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")


@pytest.fixture
def filled_basket(client, small_shop):
    """The small shop's two products in the basket: one at 12.00 and two at 40.50."""
    products = small_shop.products  # the shop's country and shipping method too
    client.post(reverse("basket:add", args=[products[0].pk]), {"quantity": 1})
    client.post(reverse("basket:add", args=[products[1].pk]), {"quantity": 2})
    return client


@pytest.fixture
def two_methods(small_shop):
    """A second, dearer shipping method, so checkout asks which one."""
    assert small_shop.products  # the shop's first method comes with its products
    return OrderAndItemCharges.objects.create(
        code="courier",
        name="Express courier",
        description="To your door in 1–2 working days.",
        price_per_order="12.00",
        price_per_item="0.00",
    )


@pytest.fixture
def at_shipping_address(filled_basket):
    filled_basket.post(reverse("checkout:index"), {"username": "guest@example.com", "options": "anonymous"})
    return filled_basket


@pytest.fixture
def at_shipping_method(at_shipping_address):
    at_shipping_address.post(
        reverse("checkout:shipping-address"), {**ADDRESS, "phone_number": "+380441234567"}
    )
    return at_shipping_address


@pytest.fixture
def at_payment(at_shipping_method):
    # With the small shop's one method, the delivery step chooses it and moves on.
    chose = at_shipping_method.get(reverse("checkout:shipping-method"))
    assert chose.status_code == 302
    return at_shipping_method
