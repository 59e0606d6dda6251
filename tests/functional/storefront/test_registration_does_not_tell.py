"""Registration answers the same whether or not an address has an account, and is rate limited."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from oscar.test.factories import UserFactory

from ptashka.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Vyshyvanka-2026"


@pytest.fixture
def owner():
    return UserFactory(email="olena@example.com")


def register(client, email):
    return client.post(
        "/accounts/register/", {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )


def register_on_sign_in_page(client, email):
    return client.post(
        "/accounts/login/",
        {
            "registration-email": email,
            "registration-password1": NEW_PASSWORD,
            "registration-password2": NEW_PASSWORD,
            "registration_submit": "Register",
        },
    )


def accounts_with(email):
    return get_user_model().objects.filter(email__iexact=email).count()


@pytest.mark.parametrize("submit", [register, register_on_sign_in_page])
def test_registering_a_taken_address_answers_as_a_new_one_and_makes_no_second_account(client, owner, submit):
    taken = submit(client, " Olena@Example.com")
    new = submit(client, "taras@example.com")

    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"] == "/accounts/register/received/"
    assert accounts_with("olena@example.com") == 1
    assert accounts_with("taras@example.com") == 1
    # Nobody is signed in by registering: a sign-in only new addresses got would tell them apart.
    assert "_auth_user_id" not in client.session


def test_the_owner_of_a_taken_address_is_emailed_how_to_sign_in_or_reset(client, owner):
    register(client, owner.email.upper())

    email = OutgoingEmail.objects.get(recipient=owner.email)
    assert "tried to register" in email.subject
    assert "/accounts/login/" in email.body_text
    assert "/password-reset/" in email.body_text
    assert NEW_PASSWORD not in email.body_text


def test_the_received_page_says_to_check_email_and_names_no_address(client, owner):
    page = client.get(register(client, owner.email)["Location"])

    assert page.status_code == 200
    assert "Check your email" in page.content.decode()
    assert owner.email not in page.content.decode()


def test_a_new_account_signs_in_with_its_password(client):
    register(client, "taras@example.com")

    signed_in = client.post(
        "/accounts/login/",
        {"login-username": "taras@example.com", "login-password": NEW_PASSWORD, "login_submit": "Log In"},
    )

    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.parametrize("submit", [register, register_on_sign_in_page])
def test_registration_past_its_rate_limit_is_refused_and_makes_no_account(client, settings, submit):
    rest = django_settings.REST_FRAMEWORK
    settings.REST_FRAMEWORK = {
        **rest,
        "DEFAULT_THROTTLE_RATES": {**rest["DEFAULT_THROTTLE_RATES"], "register": "3/hour"},
    }
    for attempt in range(3):
        assert submit(client, f"shopper{attempt}@example.com").status_code == 302

    refused = submit(client, "one-too-many@example.com")

    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert accounts_with("one-too-many@example.com") == 0
