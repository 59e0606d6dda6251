"""Storefront forms past their rate limit: 429 with Retry-After, and the form's action does not happen."""

from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core import mail
from oscar.core.loading import get_model
from oscar.test.factories import VoucherFactory, create_product

Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

LIMIT = 3
# oscar's UserFactory gives every user this password.
PASSWORD = "skelebrain"


@pytest.fixture(autouse=True)
def low_limits(settings):
    rest = django_settings.REST_FRAMEWORK
    settings.REST_FRAMEWORK = {
        **rest,
        "DEFAULT_THROTTLE_RATES": {scope: f"{LIMIT}/hour" for scope in rest["DEFAULT_THROTTLE_RATES"]},
    }


def sign_in(client, email, password):
    return client.post(
        "/accounts/login/",
        {"login-username": email, "login-password": password, "login_submit": "Log In"},
    )


def assert_throttled(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600


def test_sign_in_past_the_limit_is_refused_even_with_the_right_password(client, shopper):
    for _ in range(LIMIT):
        wrong = sign_in(client, shopper.email, "guess")
        assert wrong.status_code == 200  # the form again, with its error

    right = sign_in(client, shopper.email, PASSWORD)

    assert_throttled(right)
    assert "Too many attempts" in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_within_the_limit_works(client, shopper):
    sign_in(client, shopper.email, "guess")

    right = sign_in(client, shopper.email, PASSWORD)

    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(shopper.pk)


def test_api_token_attempts_and_storefront_sign_ins_share_one_budget(client, shopper):
    for _ in range(LIMIT):
        client.post(
            "/api/auth/token/",
            {"username": shopper.email, "password": "guess"},
            content_type="application/json",
        )

    assert_throttled(sign_in(client, shopper.email, PASSWORD))


def test_showing_the_sign_in_page_is_never_limited(client):
    for _ in range(LIMIT + 2):
        assert client.get("/accounts/login/").status_code == 200


def test_password_reset_past_the_limit_sends_no_email(client, shopper):
    for _ in range(LIMIT):
        client.post("/password-reset/", {"email": shopper.email})
    sent = len(mail.outbox)

    refused = client.post("/password-reset/", {"email": shopper.email})

    assert_throttled(refused)
    assert len(mail.outbox) == sent


def test_adding_to_the_basket_past_the_limit_adds_nothing(client):
    product = create_product(price=Decimal("10.00"), num_in_stock=50)
    for _ in range(LIMIT):
        assert client.post(f"/basket/add/{product.pk}/", {"quantity": 1}).status_code == 302

    refused = client.post(f"/basket/add/{product.pk}/", {"quantity": 1})

    assert_throttled(refused)
    assert Basket.objects.get().num_items == LIMIT


def test_voucher_guessing_past_the_limit_is_refused_before_the_code_is_looked_at(client):
    product = create_product(price=Decimal("10.00"), num_in_stock=50)
    voucher = VoucherFactory(code="REALCODE")
    client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    for attempt in range(LIMIT):
        client.post("/basket/vouchers/add/", {"code": f"GUESS{attempt}"})

    refused = client.post("/basket/vouchers/add/", {"code": voucher.code})

    assert_throttled(refused)
    assert not Basket.objects.get().vouchers.exists()


def test_a_script_asking_for_json_gets_the_refusal_as_json(client, shopper):
    for _ in range(LIMIT):
        sign_in(client, shopper.email, "guess")

    refused = client.post(
        "/accounts/login/",
        {"login-username": shopper.email, "login-password": PASSWORD, "login_submit": "Log In"},
        headers={"Accept": "application/json"},
    )

    assert_throttled(refused)
    assert "Too many attempts" in refused.json()["error"]
