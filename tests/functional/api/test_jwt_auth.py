"""JWT sign-in, refresh with rotation and sign-out over /api/auth/, next to oscar-api's session login."""

from datetime import timedelta

import pytest
from oscar.core.loading import get_model
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import AccessToken

from tests.functional.api.api_steps import PASSWORD, basket_lines, bearer, obtain_tokens, product_url

Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


def test_token_pair_signs_in_by_email_or_username(api, shopper):
    by_email = obtain_tokens(api, shopper)
    by_username = api.post(
        "/api/auth/token/", {"username": shopper.username, "password": PASSWORD}, format="json"
    )

    assert set(by_email) == {"access", "refresh"}
    assert by_username.status_code == 200
    assert bearer(by_email["access"]).get("/api/login/").status_code in (200, 204)
    assert bearer(by_username.json()["access"]).get("/api/orders/").status_code == 200


def test_wrong_password_gets_401_and_no_token(api, shopper):
    response = api.post("/api/auth/token/", {"username": shopper.email, "password": "nope"}, format="json")

    assert response.status_code == 401
    assert "access" not in response.json()
    assert OutstandingToken.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    ['{"username": "x"', "not json", '{"username": "someone@example.com"}', "[]"],
    ids=["truncated-json", "not-json", "no-password", "json-list"],
)
def test_malformed_sign_in_gets_400(api, shopper, body):
    response = api.post("/api/auth/token/", body, content_type="application/json")

    assert response.status_code == 400
    assert OutstandingToken.objects.count() == 0


def test_without_token_the_api_answers_401_with_bearer_challenge(api):
    response = api.get("/api/orders/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("mangle", ["tampered", "expired", "refresh-as-access"])
def test_bad_access_token_is_refused(api, shopper, mangle):
    tokens = obtain_tokens(api, shopper)
    if mangle == "tampered":
        access = tokens["access"][:-4] + ("AAAA" if not tokens["access"].endswith("AAAA") else "BBBB")
    elif mangle == "expired":
        token = AccessToken.for_user(shopper)
        token.set_exp(lifetime=-timedelta(seconds=1))
        access = str(token)
    else:
        access = tokens["refresh"]

    response = bearer(access).get("/api/orders/")

    assert response.status_code == 401


def test_password_change_revokes_issued_access_tokens(api, shopper):
    access = obtain_tokens(api, shopper)["access"]
    shopper.set_password("a-brand-new-secret-42")
    shopper.save()

    assert bearer(access).get("/api/orders/").status_code == 401


def test_refresh_rotates_and_the_old_refresh_token_is_refused(api, shopper):
    first = obtain_tokens(api, shopper)

    rotated = api.post("/api/auth/token/refresh/", {"refresh": first["refresh"]}, format="json")
    replayed = api.post("/api/auth/token/refresh/", {"refresh": first["refresh"]}, format="json")

    assert rotated.status_code == 200
    assert set(rotated.json()) == {"access", "refresh"}
    assert rotated.json()["refresh"] != first["refresh"]
    assert bearer(rotated.json()["access"]).get("/api/orders/").status_code == 200
    assert replayed.status_code == 401
    again = api.post("/api/auth/token/refresh/", {"refresh": rotated.json()["refresh"]}, format="json")
    assert again.status_code == 200


def test_refresh_with_garbage_or_access_token_is_refused(api, shopper):
    tokens = obtain_tokens(api, shopper)

    assert api.post("/api/auth/token/refresh/", {"refresh": "garbage"}, format="json").status_code == 401
    assert (
        api.post("/api/auth/token/refresh/", {"refresh": tokens["access"]}, format="json").status_code == 401
    )
    assert api.post("/api/auth/token/refresh/", {}, format="json").status_code == 400


def test_refresh_token_of_a_deleted_user_is_refused(api, shopper):
    refresh = obtain_tokens(api, shopper)["refresh"]
    shopper.delete()

    assert api.post("/api/auth/token/refresh/", {"refresh": refresh}, format="json").status_code == 401


def test_logout_blacklists_the_refresh_token(api, shopper):
    tokens = obtain_tokens(api, shopper)

    response = bearer(tokens["access"]).post(
        "/api/auth/logout/", {"refresh": tokens["refresh"]}, format="json"
    )

    assert response.status_code == 204
    assert BlacklistedToken.objects.filter(token__user=shopper).count() == 1
    refused = api.post("/api/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json")
    assert refused.status_code == 401
    twice = api.post("/api/auth/logout/", {"refresh": tokens["refresh"]}, format="json")
    assert twice.status_code == 401


def test_logout_with_a_bad_refresh_token_changes_nothing(api, shopper):
    tokens = obtain_tokens(api, shopper)

    assert api.post("/api/auth/logout/", {"refresh": "garbage"}, format="json").status_code == 401
    assert api.post("/api/auth/logout/", {}, format="json").status_code == 400
    assert BlacklistedToken.objects.count() == 0
    assert (
        api.post("/api/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json").status_code == 200
    )


def test_guest_basket_merges_into_the_users_basket_on_token_sign_in(api, shopper, product, second_product):
    # The shopper already has a basket from an earlier visit.
    earlier = bearer(obtain_tokens(api, shopper)["access"])
    earlier.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 1}, format="json")
    # Now, as a guest (a session cookie only), they fill another basket.
    guest = api.__class__()
    guest.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 2}, format="json")
    guest.post("/api/basket/add-product/", {"url": product_url(second_product), "quantity": 1}, format="json")
    guest_basket_id = guest.get("/api/basket/").json()["id"]

    tokens = obtain_tokens(guest, shopper)

    assert basket_lines(bearer(tokens["access"])) == {product_url(product): 3, product_url(second_product): 1}
    assert Basket.objects.get(pk=guest_basket_id).status == Basket.MERGED
    assert Basket.open.filter(owner=shopper).count() == 1


def test_failed_sign_in_leaves_the_guest_basket_alone(api, shopper, product):
    api.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 2}, format="json")
    guest_basket_id = api.get("/api/basket/").json()["id"]

    response = api.post("/api/auth/token/", {"username": shopper.email, "password": "wrong"}, format="json")

    assert response.status_code == 401
    assert Basket.objects.get(pk=guest_basket_id).status == Basket.OPEN
    assert basket_lines(api) == {product_url(product): 2}
    assert not Basket.objects.filter(owner=shopper).exists()


def test_session_login_keeps_working_and_merges_the_guest_basket(api, shopper, product):
    api.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 2}, format="json")

    response = api.post("/api/login/", {"username": shopper.email, "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert basket_lines(api) == {product_url(product): 2}
    assert api.get("/api/orders/").status_code == 200
    assert Basket.open.get(owner=shopper).num_items == 2


def test_storefront_session_reaches_the_api_and_csrf_is_enforced(shopper):
    from rest_framework.test import APIClient

    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(shopper)

    assert browser.get("/api/orders/").status_code == 200
    assert browser.post("/api/basket/add-product/", {}, format="json").status_code == 403
