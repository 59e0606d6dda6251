"""The one basket middleware: API requests that use no basket leave none; the basket flows keep working."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils.module_loading import import_string
from oscar.apps.basket.middleware import BasketMiddleware as OscarBasketMiddleware
from oscar.core.loading import get_model

from tests.functional.api.api_steps import bearer, obtain_tokens, product_url

Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

BASKETLESS_URLS = ["/api/products/", "/api/categories/", "/api/schema/", "/api/docs/", "/api/cms/pages/"]


def test_exactly_one_basket_middleware_is_installed():
    basket_middlewares = [
        path
        for path in settings.MIDDLEWARE
        if isinstance(import_string(path), type) and issubclass(import_string(path), OscarBasketMiddleware)
    ]

    assert basket_middlewares == ["ptashka.api.middleware.BasketMiddleware"]


@pytest.mark.parametrize("url", BASKETLESS_URLS)
def test_a_cookieless_guest_reading_url_creates_no_basket(api, product, url):
    response = api.get(url)

    assert response.status_code == 200
    assert Basket.objects.count() == 0
    assert settings.OSCAR_BASKET_COOKIE_OPEN not in response.cookies


def test_a_signed_in_shopper_listing_products_creates_no_basket(api, shopper, product):
    client = bearer(obtain_tokens(api, shopper)["access"])

    assert client.get("/api/products/").status_code == 200
    assert Basket.objects.count() == 0


def test_a_guest_basket_is_created_on_first_use_and_kept_in_the_session(api, product):
    first = api.get("/api/basket/")
    api.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 2}, format="json")
    second = api.get("/api/basket/")

    assert first.json()["id"] == second.json()["id"]
    assert Basket.objects.count() == 1
    assert settings.OSCAR_BASKET_COOKIE_OPEN in first.cookies
    assert Basket.objects.get().num_items == 2


def test_a_basket_filled_on_the_storefront_is_the_guests_api_basket(product):
    browser = Client()
    browser.post(f"/basket/add/{product.pk}/", {"quantity": 3})
    storefront_basket = Basket.objects.get()

    response = browser.get("/api/basket/")

    assert response.json()["id"] == storefront_basket.pk
    assert Basket.objects.count() == 1


def test_the_storefront_basket_page_still_creates_its_basket_lazily(product):
    browser = Client()

    assert browser.get("/basket/").status_code == 200
    assert Basket.objects.count() == 0
    browser.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    assert Basket.objects.get().num_items == 1
    assert settings.OSCAR_BASKET_COOKIE_OPEN in browser.cookies
