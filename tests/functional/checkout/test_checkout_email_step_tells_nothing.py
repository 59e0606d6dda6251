"""The checkout's email step answers the same whether or not an address has an account."""

import pytest
from django.urls import reverse
from oscar.test.factories import UserFactory

pytestmark = pytest.mark.django_db

TELLS = "already exists"


@pytest.fixture
def basket_with_a_product(client, small_shop):
    client.post(reverse("basket:add", args=[small_shop.product.pk]), {"quantity": 1})
    return client


def email_step(client, email, option):
    return client.post(reverse("checkout:index"), {"username": email, "options": option})


@pytest.mark.parametrize("email", ["olena@example.com", "nobody@example.com"])
def test_a_guest_goes_on_to_the_address_whatever_email_they_type(basket_with_a_product, email):
    UserFactory(email="olena@example.com")

    response = email_step(basket_with_a_product, email, "anonymous")

    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:shipping-address")


@pytest.mark.parametrize("email", ["Olena@Example.com", "nobody@example.com"])
def test_a_new_customer_goes_on_to_registration_whatever_email_they_type(basket_with_a_product, email):
    UserFactory(email="olena@example.com")

    response = email_step(basket_with_a_product, email, "new")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:register"))


def test_a_returning_customer_with_a_wrong_password_is_told_only_that_it_is_wrong(basket_with_a_product):
    UserFactory(email="olena@example.com")

    response = basket_with_a_product.post(
        reverse("checkout:index"),
        {"username": "olena@example.com", "options": "existing", "password": "not-it"},
    )

    assert response.status_code == 200
    assert TELLS not in response.content.decode()
    assert response.context["form"].errors


def test_an_address_that_is_not_one_is_refused_and_nothing_is_kept(basket_with_a_product):
    response = email_step(basket_with_a_product, "not an address", "anonymous")

    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert "checkout_data" not in basket_with_a_product.session or not basket_with_a_product.session[
        "checkout_data"
    ].get("guest", {}).get("email")
