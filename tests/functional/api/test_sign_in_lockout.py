"""Sign-in lockout (django-axes) on the API: a JSON 429 with Retry-After, the right password refused too."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from tests.functional.api.api_steps import PASSWORD

pytestmark = pytest.mark.django_db

LIMIT = 10
SIGN_INS = ["/api/auth/token/", "/api/login/"]


@pytest.fixture(autouse=True)
def lockout_after_ten(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def sign_in(api, url, login, password, address="127.0.0.1"):
    return api.post(url, {"username": login, "password": password}, format="json", REMOTE_ADDR=address)


def assert_locked_out(response):
    assert response.status_code == 429, response.content
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    assert "Too many failed sign-in attempts" in response.json()["detail"]


@pytest.mark.parametrize("url", SIGN_INS)
def test_eleven_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused(api, shopper, url):
    for attempt in range(LIMIT - 1):
        assert sign_in(api, url, shopper.email, f"guess{attempt}").status_code == 401

    assert_locked_out(sign_in(api, url, shopper.email, "guess-ten"))
    assert_locked_out(sign_in(api, url, shopper.email, "guess-eleven"))
    right = sign_in(api, url, shopper.email, PASSWORD)

    assert_locked_out(right)
    assert OutstandingToken.objects.count() == 0
    assert api.get("/api/orders/").status_code in (401, 403)


def test_failed_token_sign_ins_are_recorded_though_the_answer_is_an_error(api, shopper):
    sign_in(api, "/api/auth/token/", shopper.email, "guess")

    attempt = AccessAttempt.objects.get()
    assert attempt.username == shopper.email
    assert attempt.failures_since_start == 1


def test_guesses_from_five_addresses_lock_the_account_on_both_api_sign_ins(api, shopper):
    for attempt in range(LIMIT):
        url = SIGN_INS[attempt % 2]
        login = shopper.email.upper() if attempt % 3 else f" {shopper.email}"
        sign_in(api, url, login, f"guess{attempt}", address=f"203.0.113.{attempt % 5 + 1}")

    for url in SIGN_INS:
        assert_locked_out(sign_in(api, url, shopper.email, PASSWORD, address="198.51.100.7"))


def test_forged_forwarded_for_does_not_get_a_fresh_address(api, shopper):
    for attempt in range(LIMIT):
        api.post(
            "/api/auth/token/",
            {"username": f"nobody{attempt}@example.com", "password": "guess"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )

    response = api.post(
        "/api/auth/token/",
        {"username": shopper.email, "password": PASSWORD},
        format="json",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert_locked_out(response)


def test_after_the_cool_off_the_token_sign_in_works_again(api, shopper, settings):
    for attempt in range(LIMIT):
        sign_in(api, "/api/auth/token/", shopper.email, f"guess{attempt}")
    assert_locked_out(sign_in(api, "/api/auth/token/", shopper.email, PASSWORD))

    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(seconds=2))

    assert sign_in(api, "/api/auth/token/", shopper.email, PASSWORD).status_code == 200
