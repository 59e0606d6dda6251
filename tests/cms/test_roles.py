"""The demo's roles: merchandisers run the content in Wagtail, shop managers run the shop in Oscar."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.home import HomePage
from cms.landing import LandingPage
from cms.navigation import AnnouncementBar

pytestmark = pytest.mark.django_db

# Orders and customers are the shop's business; the catalogue too (merchandisers read it through choosers).
SHOP_ONLY_PATHS = ["/dashboard/orders/", "/dashboard/users/", "/dashboard/catalogue/"]


def sign_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def new_campaign_form(title, action):
    return nested_form_data(
        {
            "title": title,
            "slug": "winter-fair",
            "introduction": "Gifts for the long evenings",
            "body": streamfield([]),
            "offer": "",
            "seo_title": "",
            "search_description": "",
            "comments": inline_formset([]),
            action: action,
        }
    )


def add_campaign_url(home):
    return reverse("wagtailadmin_pages:add", args=["cms", "landingpage", home.pk])


def test_merchandiser_is_kept_out_of_the_dashboards_orders_and_customers(client, demo_shop):
    sign_in(client, "merchandiser")

    for path in SHOP_ONLY_PATHS:
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert "/login/" in response["Location"], path


def test_merchandiser_builds_and_publishes_a_campaign_page(client, demo_shop):
    home = HomePage.objects.get()
    sign_in(client, "merchandiser")

    response = client.post(add_campaign_url(home), new_campaign_form("Winter fair", "action-publish"))

    page = LandingPage.objects.get(slug="winter-fair")
    assert response.status_code == 302
    assert page.live
    assert client.get(page.url).status_code == 200


def test_merchandiser_edits_and_publishes_navigation_snippets_and_uploads_images(client, demo_shop):
    sign_in(client, "merchandiser")

    response = client.post(
        reverse("wagtailsnippets_cms_announcementbar:add"),
        {
            "text": "Order by 18 December for Christmas",
            "link_url": "",
            "starts_at": "",
            "ends_at": "",
            "action-publish": "action-publish",
        },
    )

    assert response.status_code == 302
    assert AnnouncementBar.objects.get(text__startswith="Order by 18 December").live
    for model in ("mainmenu", "footer"):
        assert client.get(reverse(f"wagtailsnippets_cms_{model}:add")).status_code == 200
    assert client.get(reverse("wagtailimages:add")).status_code == 200
    assert "Order by 18 December" in client.get("/basket/").content.decode()


def test_shop_manager_works_in_the_dashboard(client, demo_shop):
    sign_in(client, "manager")

    for path in ["/dashboard/", "/dashboard/orders/", "/dashboard/catalogue/", "/dashboard/offers/"]:
        assert client.get(path).status_code == 200, path


def test_shop_manager_looks_up_customers_but_cannot_reset_their_passwords(client, demo_shop):
    customer = get_user_model().objects.get(username="admin")
    sign_in(client, "manager")

    listing = client.get("/dashboard/users/")
    detail = client.get(f"/dashboard/users/{customer.pk}/")
    reset = client.post(f"/dashboard/users/{customer.pk}/password-reset/")

    assert listing.status_code == 200
    assert detail.status_code == 200
    assert reset.status_code in (302, 403)
    if reset.status_code == 302:
        assert "/login/" in reset["Location"]


def test_shop_manager_cannot_publish_pages(client, demo_shop):
    home = HomePage.objects.get()
    manager = get_user_model().objects.get(username="manager")
    sign_in(client, "manager")

    response = client.post(add_campaign_url(home), new_campaign_form("Manager's page", "action-publish"))

    assert response.status_code in (302, 403)
    assert not LandingPage.objects.filter(title="Manager's page").exists()
    assert not home.permissions_for_user(manager).can_publish()
