"""The product collection: one block for a set of products, checked on save, served whole over the API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from cms.blocks import ProductCollectionBlock
from cms.landing import LandingPage
from tests.cms.builders import carousel, publish, stream

Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


def errors_of(raw):
    """The per-field errors the editor sees when saving the block with ``raw``."""
    block = ProductCollectionBlock()
    value = {"title": "", "source": "newest", "products": [], "count": 8, "layout": "grid", **raw}
    with pytest.raises(Exception) as raised:
        block.clean(block.to_python(value))
    return {name: " ".join(error.messages) for name, error in raised.value.block_errors.items()}


@pytest.mark.parametrize("count", [0, 500])
def test_a_count_outside_1_to_24_is_refused_on_the_count_field(small_shop, count):
    small_shop.add_product()

    errors = errors_of({"count": count})

    assert set(errors) == {"count"}
    assert ("greater than or equal to 1" if count == 0 else "less than or equal to 24") in errors["count"]


def test_a_category_without_products_is_refused_with_its_name(small_shop):
    empty = Category.add_root(name="Woodwork", slug="woodwork", is_public=True)
    small_shop.add_product()

    for source in ("newest", "top"):
        errors = errors_of({"source": source, "category": empty.pk})

        assert set(errors) == {"category"}
        assert "“Woodwork” has no products yet" in errors["category"]


def test_an_offer_that_discounts_nothing_is_refused(small_shop):
    offer = small_shop.add_offer(name="Woodwork week", category=Category.add_root(name="Wood", slug="wood"))

    errors = errors_of({"source": "offer", "offer": offer.pk})

    assert "“Woodwork week” discounts no product" in errors["offer"]


def test_a_category_with_products_and_the_whole_shop_are_accepted(small_shop):
    small_shop.add_product()
    block = ProductCollectionBlock()

    for category in (small_shop.ceramics.pk, None):
        raw = {"source": "newest", "category": category, "count": 24, "products": [], "layout": "grid"}
        assert block.clean(block.to_python(raw))["count"] == 24


def test_the_grid_layout_lays_the_products_out_in_rows(client, small_shop, home_page):
    jug = small_shop.add_product(title="Kosiv jug")
    page = publish(
        home_page, LandingPage(title="Spring", slug="spring", body=stream(carousel([jug], layout="grid")))
    )

    html = client.get(page.url).content.decode()

    assert "ptashka-products--grid" in html and "product-grid" in html and "Kosiv jug" in html
    assert "ptashka-carousel" not in html


def test_a_see_all_link_leads_to_the_category_the_shop_or_the_offer(client, small_shop, home_page):
    small_shop.add_product(title="Kosiv jug")
    offer = small_shop.add_offer(name="Pottery week")
    page = publish(
        home_page,
        LandingPage(
            title="Spring",
            slug="spring",
            body=stream(
                carousel([], source="newest", category=small_shop.ceramics.pk, see_all_label="All ceramics"),
                carousel([], source="top", see_all_label="Everything"),
                carousel([], source="offer", offer=offer.pk, see_all_label="The whole offer"),
            ),
        ),
    )

    html = client.get(page.url).content.decode()
    served = [block["value"]["see_all"] for block in client.get(f"/api/cms/pages/{page.pk}/").json()["body"]]

    expected = [
        {"label": "All ceramics", "url": small_shop.ceramics.get_absolute_url()},
        {"label": "Everything", "url": "/catalogue/"},
        {"label": "The whole offer", "url": offer.get_absolute_url()},
    ]
    assert served == expected
    for link in expected:
        assert f'href="{link["url"]}">{link["label"]}</a>' in html


def test_a_see_all_link_on_hand_picked_products_is_refused(small_shop):
    jug = small_shop.add_product()

    errors = errors_of({"source": "hand_picked", "products": [jug.pk], "see_all_label": "All of them"})

    assert set(errors) == {"see_all_label"}


def content_api_queries(client, page):
    client.get(f"/api/cms/pages/{page.pk}/")  # warm: site root paths are cached after one request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/cms/pages/{page.pk}/")
    assert response.status_code == 200
    return len(captured), response.json()


def test_the_content_api_serves_each_product_whole_and_its_query_count_does_not_grow_with_them(
    client, small_shop, home_page
):
    few = small_shop.add_products(2, with_image=True)
    many = small_shop.add_products(12, with_image=True)
    small = publish(home_page, LandingPage(title="Few", slug="few", body=stream(carousel(few))))
    large = publish(home_page, LandingPage(title="Many", slug="many", body=stream(carousel(many))))

    with_few, _ = content_api_queries(client, small)
    with_many, data = content_api_queries(client, large)

    block = data["body"][0]
    assert block["type"] == "product_collection"
    assert (block["value"]["source"], block["value"]["layout"]) == ("hand_picked", "carousel")
    served = block["value"]["products"]
    assert [product["id"] for product in served] == [product.pk for product in many]
    assert {"title", "url", "price", "availability", "image"} <= set(served[0])
    assert served[0]["price"]["amount"] == "19.50" and served[0]["availability"]["is_available_to_buy"]
    assert served[0]["image"].startswith("http://testserver/")
    assert with_few == with_many
