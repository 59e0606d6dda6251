"""Password reset over the API queues the storefront's reset email, without revealing who has an account."""

import pytest
from oscar.apps.customer.utils import get_password_reset_url

from ptashka.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def test_reset_for_a_known_address_queues_the_reset_email(api, shopper):
    response = api.post("/api/auth/password-reset/", {"email": shopper.email}, format="json")

    assert response.status_code == 202
    email = OutgoingEmail.objects.get(recipient=shopper.email)
    assert get_password_reset_url(shopper) in email.body_text


def test_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(api, shopper):
    response = api.post("/api/auth/password-reset/", {"email": "nobody@example.com"}, format="json")

    assert response.status_code == 202
    assert not OutgoingEmail.objects.exists()


@pytest.mark.parametrize("body", ['{"email": "not-an-address"}', "{}", "{"])
def test_reset_with_bad_input_gets_400_and_sends_nothing(api, shopper, body):
    response = api.post("/api/auth/password-reset/", body, content_type="application/json")

    assert response.status_code == 400
    assert not OutgoingEmail.objects.exists()
