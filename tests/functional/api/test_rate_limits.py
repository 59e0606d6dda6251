"""Rate limits: past its limit a write answers 429 with Retry-After and changes nothing."""

import pytest
from django.conf import settings as django_settings
from oscar.core.loading import get_model
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from ptashka.notifications.models import OutgoingEmail
from tests.functional.api.api_steps import (
    PASSWORD,
    basket_lines,
    obtain_tokens,
    product_url,
    refused_checkout_commits,
)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture(autouse=True)
def low_limits(settings):
    rest = django_settings.REST_FRAMEWORK
    settings.REST_FRAMEWORK = {
        **rest,
        "DEFAULT_THROTTLE_RATES": {scope: f"{LIMIT}/hour" for scope in rest["DEFAULT_THROTTLE_RATES"]},
    }


def assert_throttled(response):
    assert response.status_code == 429, response.content
    retry_after = int(response["Retry-After"])
    assert 0 < retry_after <= 3600


def test_token_sign_in_is_refused_past_the_limit_even_with_the_right_password(api, shopper):
    for _ in range(LIMIT):
        bad = api.post("/api/auth/token/", {"username": shopper.email, "password": "guess"}, format="json")
        assert bad.status_code == 401

    right = api.post("/api/auth/token/", {"username": shopper.email, "password": PASSWORD}, format="json")

    assert_throttled(right)
    assert "access" not in right.json()
    assert OutstandingToken.objects.count() == 0


def test_session_login_and_token_sign_in_share_one_budget(api, shopper):
    for _ in range(LIMIT - 1):
        api.post("/api/auth/token/", {"username": shopper.email, "password": "guess"}, format="json")
    api.post("/api/login/", {"username": shopper.email, "password": "guess"}, format="json")

    response = api.post("/api/login/", {"username": shopper.email, "password": PASSWORD}, format="json")

    assert_throttled(response)
    assert api.get("/api/orders/").status_code in (401, 403)


def test_forged_forwarded_for_does_not_reset_the_count(api, shopper):
    for attempt in range(LIMIT):
        api.post(
            "/api/auth/token/",
            {"username": shopper.email, "password": "guess"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )

    response = api.post(
        "/api/auth/token/",
        {"username": shopper.email, "password": PASSWORD},
        format="json",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )

    assert_throttled(response)


def test_another_client_is_not_held_back(api, shopper):
    for _ in range(LIMIT + 1):
        api.post("/api/auth/token/", {"username": shopper.email, "password": "guess"}, format="json")

    response = api.post(
        "/api/auth/token/",
        {"username": shopper.email, "password": PASSWORD},
        format="json",
        REMOTE_ADDR="10.1.2.3",
    )

    assert response.status_code == 200


def test_token_refresh_and_logout_are_limited(api, shopper):
    tokens = obtain_tokens(api, shopper)
    for _ in range(LIMIT):
        assert api.post("/api/auth/token/refresh/", {"refresh": "garbage"}, format="json").status_code == 401

    assert_throttled(api.post("/api/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json"))
    assert_throttled(api.post("/api/auth/logout/", {"refresh": tokens["refresh"]}, format="json"))
    assert BlacklistedToken.objects.count() == 0


def test_password_reset_is_limited_and_sends_nothing_past_it(api, shopper):
    for _ in range(LIMIT):
        assert (
            api.post("/api/auth/password-reset/", {"email": "nobody@example.com"}, format="json").status_code
            == 202
        )

    assert_throttled(api.post("/api/auth/password-reset/", {"email": shopper.email}, format="json"))
    assert not OutgoingEmail.objects.exists()


def test_basket_writes_are_limited_but_reads_are_not(api, product):
    for _ in range(LIMIT):
        bad = api.post(
            "/api/basket/add-product/", {"url": "http://testserver/api/products/0/"}, format="json"
        )
        assert bad.status_code == 406  # oscar-api's answer to a product it cannot add

    response = api.post(
        "/api/basket/add-product/", {"url": product_url(product), "quantity": 1}, format="json"
    )

    assert_throttled(response)
    assert api.get("/api/basket/").status_code == 200
    assert basket_lines(api) == {}


def test_voucher_guessing_is_limited(api, product):
    for attempt in range(LIMIT):
        guess = api.post("/api/basket/add-voucher/", {"vouchercode": f"GUESS{attempt}"}, format="json")
        assert 400 <= guess.status_code < 500 and guess.status_code != 429

    assert_throttled(api.post("/api/basket/add-voucher/", {"vouchercode": "PTASHKA10"}, format="json"))
    basket = Basket.objects.get(pk=api.get("/api/basket/").json()["id"])
    assert not basket.vouchers.exists()


@refused_checkout_commits
def test_checkout_is_limited_and_places_no_order(api):
    for _ in range(LIMIT):
        bad = api.post("/api/checkout/", {"basket": "not a basket"}, format="json")
        assert 400 <= bad.status_code < 500 and bad.status_code != 429

    assert_throttled(api.post("/api/checkout/", {}, format="json"))
    assert not Order.objects.exists()
