"""Wagtail's reference index knows which pages show a product or a category, and the admin lists them."""

import pytest
from django.urls import reverse
from wagtail.models import ReferenceIndex

from cms.landing import LandingPage
from tests.cms.builders import carousel, publish, stream

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(home_page, small_shop):
    jug = small_shop.add_product(title="Kosiv jug")
    tiles = ("category_tiles", {"title": "", "categories": [small_shop.textiles.pk]})
    page = publish(
        home_page, LandingPage(title="Pottery week", slug="pottery-week", body=stream(carousel([jug]), tiles))
    )
    return page, jug


def test_reference_index_lists_pages_showing_a_product_or_a_category(campaign, small_shop):
    page, jug = campaign
    unused = small_shop.add_product(title="Unused jug")

    product_users = {ref.object_id for ref in ReferenceIndex.get_references_to(jug)}
    category_users = {ref.object_id for ref in ReferenceIndex.get_references_to(small_shop.textiles)}

    assert str(page.pk) in product_users
    assert str(page.pk) in category_users
    assert not ReferenceIndex.get_references_to(unused).exists()


def test_admin_usage_views_list_the_pages(client, admin_user, campaign, small_shop):
    page, jug = campaign
    client.force_login(admin_user)

    product_usage = client.get(reverse("shop_product_usage", args=[jug.pk]))
    category_usage = client.get(reverse("shop_category_usage", args=[small_shop.textiles.pk]))

    assert product_usage.status_code == 200 and "Pottery week" in product_usage.content.decode()
    assert category_usage.status_code == 200 and "Pottery week" in category_usage.content.decode()


def test_usage_view_is_for_cms_users_only(client, django_user_model, campaign):
    page, jug = campaign
    client.force_login(django_user_model.objects.create_user("shopper", "shopper@example.com", "pw"))

    response = client.get(reverse("shop_product_usage", args=[jug.pk]))

    assert response.status_code in (302, 403)
