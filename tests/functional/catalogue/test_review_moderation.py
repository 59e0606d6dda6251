"""Product reviews, a guest's or a customer's, wait for a shop manager's approval before shoppers see them."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test import factories

ProductReview = get_model("reviews", "ProductReview")

pytestmark = pytest.mark.django_db


@pytest.fixture
def jug():
    return factories.create_product(title="Clay Jug", price=Decimal("38.00"), num_in_stock=3)


@pytest.fixture
def manager_client(demo_shop):
    """The demo shop's manager, whose role includes moderating reviews."""
    manager = Client()
    manager.force_login(get_user_model().objects.get(username="manager"))
    return manager


def add_review_url(product):
    return reverse("catalogue:reviews-add", kwargs={"product_slug": product.slug, "product_pk": product.pk})


def review_form(title, **extra):
    return {"title": title, "score": "5", "body": "Lovely glaze, arrived well packed.", **extra}


def post_review(client, product, form):
    response = client.post(add_review_url(product), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


@pytest.mark.parametrize("signed_in", [False, True], ids=["guest", "customer"])
def test_a_new_review_waits_for_moderation_and_the_thank_you_says_so(client, jug, signed_in):
    # given a guest, or a signed-in customer
    form = review_form("Best jug ever")
    if signed_in:
        client.force_login(factories.UserFactory())
    else:
        form.update(name="Olena", email="olena@example.com")

    # when they review the jug
    response = post_review(client, jug, form)

    # then the review is pending, the product page does not show it, and the thank-you says why
    review = ProductReview.objects.get(title="Best jug ever")
    assert review.status == ProductReview.FOR_MODERATION
    assert "approved" in " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "Best jug ever" not in client.get(jug.get_absolute_url()).content.decode()


def test_a_review_shows_on_the_product_page_once_a_manager_approves_it(client, jug, manager_client):
    post_review(client, jug, review_form("Worth every hryvnia", name="Taras", email="taras@example.com"))
    review = ProductReview.objects.get(title="Worth every hryvnia")
    assert "Worth every hryvnia" in manager_client.get(reverse("dashboard:reviews-list")).content.decode()

    response = manager_client.post(
        reverse("dashboard:reviews-update", args=[review.pk]),
        {"title": review.title, "body": review.body, "score": review.score, "status": ProductReview.APPROVED},
    )

    review.refresh_from_db()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert review.status == ProductReview.APPROVED
    assert "Worth every hryvnia" in client.get(jug.get_absolute_url()).content.decode()
