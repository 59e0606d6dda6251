"""Sign-in lockout (django-axes) on every HTML sign-in page: per account, per address, cool-off, unlock."""

from datetime import timedelta
from decimal import Decimal

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from oscar.test.factories import UserFactory, create_product

pytestmark = pytest.mark.django_db

LIMIT = 10
# oscar's UserFactory gives every user this password.
PASSWORD = "skelebrain"
EMAIL = "olena@example.com"

# Each sign-in page: its URL and how its form names the fields.
SIGN_IN_PAGES = {
    "storefront": ("/accounts/login/", "login-username", "login-password", {"login_submit": "Log In"}),
    "dashboard": ("/dashboard/login/", "username", "password", {}),
    "cms": ("/cms/login/", "username", "password", {}),
    "django-admin": ("/django-admin/login/", "username", "password", {}),
}


@pytest.fixture(autouse=True)
def lockout_after_ten(settings):
    """The shop's defaults, set here so the tests do not depend on the environment."""
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


@pytest.fixture
def superuser():
    # A superuser may use every sign-in page (the Django admin's and Wagtail's let in no one else).
    return UserFactory(email=EMAIL, is_staff=True, is_superuser=True)


def sign_in(client, page, login, password, address="127.0.0.1"):
    url, login_field, password_field, extra = SIGN_IN_PAGES[page]
    return client.post(url, {login_field: login, password_field: password, **extra}, REMOTE_ADDR=address)


def assert_locked_out(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    assert "Too many failed sign-in attempts" in response.content.decode()


def assert_signed_out(client):
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("page", SIGN_IN_PAGES)
def test_eleven_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused(client, superuser, page):
    for attempt in range(LIMIT - 1):
        wrong = sign_in(client, page, EMAIL, f"guess{attempt}")
        assert wrong.status_code == 200  # the form again, with its error

    assert_locked_out(sign_in(client, page, EMAIL, "guess-ten"))
    assert_locked_out(sign_in(client, page, EMAIL, "guess-eleven"))
    right = sign_in(client, page, EMAIL, PASSWORD)

    assert_locked_out(right)
    assert_signed_out(client)


def test_guesses_spread_over_five_addresses_lock_the_account_for_every_address(client, superuser):
    # Typed differently each time: it is still the one account.
    spellings = [EMAIL, EMAIL.upper(), f"  {EMAIL}", "Olena@Example.COM", f"{EMAIL} "]
    for attempt in range(LIMIT):
        address = f"203.0.113.{attempt % 5 + 1}"
        sign_in(client, "storefront", spellings[attempt % 5], f"guess{attempt}", address=address)

    right = sign_in(client, "storefront", EMAIL, PASSWORD, address="198.51.100.7")

    assert_locked_out(right)
    assert_signed_out(client)


def test_guesses_at_many_accounts_from_one_address_lock_that_address(client, superuser):
    for attempt in range(LIMIT):
        sign_in(client, "dashboard", f"nobody{attempt}@example.com", "guess", address="203.0.113.9")

    from_that_address = sign_in(client, "dashboard", EMAIL, PASSWORD, address="203.0.113.9")
    assert_locked_out(from_that_address)
    assert_signed_out(client)

    # The account itself made no failures: from elsewhere its owner signs in.
    from_elsewhere = sign_in(client, "dashboard", EMAIL, PASSWORD, address="198.51.100.7")
    assert from_elsewhere.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)


def test_after_the_cool_off_the_right_password_works_again(client, superuser):
    for attempt in range(LIMIT):
        sign_in(client, "storefront", EMAIL, f"guess{attempt}")
    assert_locked_out(sign_in(client, "storefront", EMAIL, PASSWORD))

    # Fifteen minutes and a second pass.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    right = sign_in(client, "storefront", EMAIL, PASSWORD)

    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)


def test_a_superuser_unlocks_an_account_in_the_django_admin(client, superuser):
    shopper = UserFactory(email="taras@example.com")
    for attempt in range(LIMIT):
        sign_in(client, "storefront", shopper.email, f"guess{attempt}", address=f"203.0.113.{attempt}")
    assert_locked_out(sign_in(client, "storefront", shopper.email, PASSWORD))
    admin = Client()
    admin.force_login(superuser)

    attempts = AccessAttempt.objects.filter(username=shopper.email)
    unlocked = admin.post(
        "/django-admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [a.pk for a in attempts], "post": "yes"},
    )

    assert unlocked.status_code == 302
    assert not AccessAttempt.objects.filter(username=shopper.email).exists()
    assert sign_in(client, "storefront", shopper.email, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(shopper.pk)


def test_the_reset_command_unlocks_an_account_typed_in_any_case(client, superuser):
    for attempt in range(LIMIT):
        sign_in(client, "cms", EMAIL, f"guess{attempt}", address=f"203.0.113.{attempt}")
    assert_locked_out(sign_in(client, "cms", EMAIL, PASSWORD, address="198.51.100.7"))

    call_command("axes_reset_username", EMAIL)

    assert sign_in(client, "cms", EMAIL.upper(), PASSWORD, address="198.51.100.7").status_code == 302


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast, as the test settings use), counting how often a password is hashed."""

    algorithm = "counting_md5"
    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.hashed = 0
    return CountingHasher


def hashes_for(client, counting_hasher, page, login):
    before = counting_hasher.hashed
    assert sign_in(client, page, login, "wrong password").status_code == 200
    return counting_hasher.hashed - before


@pytest.mark.parametrize("page", ["storefront", "dashboard"])
def test_a_wrong_password_for_an_unknown_address_costs_as_many_hashes_as_for_a_real_account(
    client, counting_hasher, page
):
    real = UserFactory(email="real@example.com")
    assert real.password.startswith("counting_md5$")

    for_real_account = hashes_for(client, counting_hasher, page, "real@example.com")
    for_unknown_address = hashes_for(client, counting_hasher, page, "nobody@example.com")

    assert for_real_account > 0
    assert for_unknown_address == for_real_account
    assert get_user_model().objects.count() == 1


def test_the_checkout_sign_in_is_locked_out_like_the_others(client, superuser):
    product = create_product(price=Decimal("10.00"), num_in_stock=50)
    client.post(f"/basket/add/{product.pk}/", {"quantity": 1})

    def sign_in_at_checkout(password):
        return client.post("/checkout/", {"username": EMAIL, "password": password, "options": "existing"})

    for attempt in range(LIMIT - 1):
        assert sign_in_at_checkout(f"guess{attempt}").status_code == 200  # the form, with its error
    assert_locked_out(sign_in_at_checkout("guess-ten"))

    assert_locked_out(sign_in_at_checkout(PASSWORD))
    assert_signed_out(client)
