"""A guest puts a product in the basket and reaches checkout's shipping step."""

import pytest

pytestmark = pytest.mark.django_db


def test_guest_adds_a_product_and_reaches_the_shipping_address_step(client, shop):
    product = shop.in_stock_product()
    product_page = client.get(product.get_absolute_url())
    assert product_page.status_code == 200

    # when the guest adds it to the basket through the product page's form
    added = client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    basket = client.get("/basket/")

    assert added.status_code == 302
    assert product.title in basket.content.decode()
    assert basket.context["basket"].num_items == 1

    # and checks out as a guest, giving only an email address
    gateway = client.get("/checkout/")
    assert gateway.status_code == 200
    chosen = client.post(
        "/checkout/",
        {"username": "guest@example.com", "options": "anonymous"},
    )

    # then checkout asks where to ship
    assert chosen.status_code == 302
    assert chosen.url == "/checkout/shipping-address/"
    shipping = client.get(chosen.url)
    assert shipping.status_code == 200
    assert 'name="line1"' in shipping.content.decode()


def test_adding_more_than_is_in_stock_is_refused_and_the_basket_stays_empty(client, shop):
    product = shop.in_stock_product()
    in_stock = product.stockrecords.first().net_stock_level

    client.post(f"/basket/add/{product.pk}/", {"quantity": in_stock + 1})
    basket = client.get("/basket/")

    assert basket.context["basket"].num_items == 0


def test_adding_a_nonsense_quantity_is_refused(client, shop):
    product = shop.in_stock_product()

    client.post(f"/basket/add/{product.pk}/", {"quantity": "lots"})
    basket = client.get("/basket/")

    assert basket.context["basket"].num_items == 0
