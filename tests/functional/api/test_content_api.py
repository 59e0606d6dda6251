"""The content API at /api/cms/: published pages with live product data, images and snippets, read-only."""

import json
from decimal import Decimal

import pytest
from oscar.test.factories import create_product
from wagtail.models import Site

from cms.landing import LandingPage
from cms.navigation import AnnouncementBar

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(demo_shop):
    return Site.objects.get(is_default_site=True).root_page.specific


def landing_page(home, product, slug="spring", publish=True):
    page = LandingPage(
        title="Весна",
        slug=slug,
        body=json.dumps([{"type": "product", "value": {"product": product.pk, "blurb": "Made in Kosiv."}}]),
    )
    home.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        page.save()
    return page


def test_a_page_with_a_product_block_serves_the_live_product(client, home):
    product = create_product(title="Глечик з Косова", price=Decimal("31.00"), num_in_stock=4)
    page = landing_page(home, product)

    response = client.get(f"/api/cms/pages/{page.pk}/")

    assert response.status_code == 200
    block = response.json()["body"][0]
    assert block["type"] == "product"
    served = block["value"]["product"]
    assert served["id"] == product.pk
    assert served["title"] == "Глечик з Косова"
    assert Decimal(served["price"]["amount"]) >= Decimal("31.00")
    assert served["availability"]["is_available_to_buy"] is True


def test_the_home_page_body_carries_its_product_grid(client, home):
    response = client.get(f"/api/cms/pages/{home.pk}/")

    assert response.status_code == 200
    body = response.json()["body"]
    grids = [
        block
        for block in body
        if block["type"] == "product_collection" and block["value"]["layout"] == "grid"
    ]
    assert grids and grids[0]["value"]["products"]
    assert {"title", "price", "availability"} <= set(grids[0]["value"]["products"][0])


def test_drafts_are_not_served(client, home):
    product = create_product(title="Чернетка", price=Decimal("5.00"), num_in_stock=1)
    draft = landing_page(home, product, slug="draft", publish=False)

    listed = client.get("/api/cms/pages/?type=cms.LandingPage").json()["items"]

    assert client.get(f"/api/cms/pages/{draft.pk}/").status_code == 404
    assert draft.pk not in [item["id"] for item in listed]


def test_images_and_published_snippets_are_served(client, home):
    AnnouncementBar.objects.create(text="Free delivery over €50", live=True)
    AnnouncementBar.objects.create(text="Not yet", live=False)

    images = client.get("/api/cms/images/")
    announcements = client.get("/api/cms/announcements/")

    assert images.status_code == 200
    assert images.json()["meta"]["total_count"] > 0
    texts = [item["text"] for item in announcements.json()["items"]]
    assert "Free delivery over €50" in texts
    assert "Not yet" not in texts
    assert client.get("/api/cms/menus/").status_code == 200
    assert client.get("/api/cms/footers/").status_code == 200


@pytest.mark.parametrize("path", ["/api/cms/pages/", "/api/cms/images/", "/api/cms/announcements/"])
def test_the_content_api_is_read_only(client, home, path):
    assert client.post(path, {"title": "x"}).status_code == 405
    assert client.get(f"{path}?unknown_filter=1").status_code == 400
