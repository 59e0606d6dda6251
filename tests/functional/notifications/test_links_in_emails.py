"""Links in the shop's emails go to SHOP_BASE_URL, over https, whatever host the request came in on."""

import pytest
from django.urls import reverse
from oscar.apps.customer.utils import get_password_reset_url
from oscar.test.factories import create_order
from rest_framework.test import APIClient

from ptashka.notifications.models import OutgoingEmail
from ptashka.notifications.orders import notify_customer_of_status
from ptashka.public_url import sync_sites_with_shop_url

pytestmark = pytest.mark.django_db

SHOP = "https://shop.example.org"


@pytest.fixture
def shop_at_its_public_url(settings):
    """SHOP_BASE_URL as a deployment sets it, with the settings derived from it and the migrated Site rows."""
    settings.SHOP_BASE_URL = SHOP
    settings.WAGTAILADMIN_BASE_URL = SHOP
    settings.OSCAR_URL_SCHEMA = "https"
    sync_sites_with_shop_url()


def test_password_reset_from_the_storefront_links_to_the_shop_over_https(
    client, shop_at_its_public_url, shopper
):
    response = client.post(reverse("password-reset"), {"email": shopper.email})

    assert response.status_code == 302
    email = OutgoingEmail.objects.get(recipient=shopper.email)
    assert SHOP + get_password_reset_url(shopper) in email.body_text
    assert "http://" not in email.body_text and "example.com/" not in email.body_text


def test_password_reset_through_the_api_links_to_the_shop_not_the_host_asked(shop_at_its_public_url, shopper):
    # given a request that names another host (a proxy's internal name, or a forged Host header)
    api = APIClient(HTTP_HOST="localhost")

    response = api.post("/api/auth/password-reset/", {"email": shopper.email}, format="json")

    assert response.status_code == 202
    email = OutgoingEmail.objects.get(recipient=shopper.email)
    assert SHOP + get_password_reset_url(shopper) in email.body_text
    assert "localhost" not in email.body_text


@pytest.mark.parametrize("signed_up", [True, False], ids=["customer", "guest"])
def test_order_status_email_links_to_the_order_on_the_shop(shop_at_its_public_url, shopper, signed_up):
    if signed_up:
        order = create_order(user=shopper)
        status_path = reverse("customer:order", kwargs={"order_number": order.number})
    else:
        order = create_order(guest_email="guest@example.com")
        status_path = reverse(
            "customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()}
        )

    notify_customer_of_status(order, "Being processed")

    email = OutgoingEmail.objects.get(recipient=order.email)
    assert SHOP + status_path in email.body_text
    assert f'href="{SHOP}{status_path}"' in email.body_html
