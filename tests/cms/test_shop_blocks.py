"""Shop blocks render live Oscar data: prices and stock at request time, unsellable products hidden."""

from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.utils import timezone
from oscar.core.loading import get_model

from cms.blocks import OfferBannerBlock, ProductBlock, ProductCollectionBlock
from cms.landing import LandingPage
from tests.cms.builders import carousel, publish, stream

ConditionalOffer = get_model("offer", "ConditionalOffer")
ProductRecord = get_model("analytics", "ProductRecord")

pytestmark = pytest.mark.django_db


def landing(home_page, *blocks, **fields):
    return publish(
        home_page, LandingPage(title="Spring campaign", slug="spring", body=stream(*blocks), **fields)
    )


def test_carousel_shows_hand_picked_products_with_prices_decided_now(client, small_shop, home_page):
    jug, bowl = (
        small_shop.add_product(title="Kosiv jug", price="24.00"),
        small_shop.add_product(title="Opishnia bowl"),
    )
    page = landing(home_page, carousel([jug, bowl]))

    first = client.get(page.url).content.decode()
    stock = jug.stockrecords.get()
    stock.price = Decimal("31.00")
    stock.save()
    second = client.get(page.url).content.decode()

    assert "Kosiv jug" in first and "Opishnia bowl" in first
    assert "€24.00" in first
    assert "€31.00" in second and "€24.00" not in second
    assert first.index("Kosiv jug") < first.index("Opishnia bowl")
    assert f'action="/basket/add/{jug.pk}/"' in first


def test_sold_out_hidden_and_deleted_products_drop_out_and_the_page_still_renders(
    client, small_shop, home_page
):
    sold_out = small_shop.add_product(title="Sold-out jug", stock=0)
    hidden = small_shop.add_product(title="Hidden jug", is_public=False)
    deleted = small_shop.add_product(title="Deleted jug")
    kept = small_shop.add_product(title="Kept jug")
    page = landing(
        home_page,
        carousel([sold_out, hidden, deleted, kept]),
        ("product", {"product": deleted.pk, "blurb": ""}),
    )
    deleted.delete()

    response = client.get(page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kept jug" in html
    assert "Sold-out jug" not in html and "Hidden jug" not in html and "Deleted jug" not in html


def test_carousel_with_nothing_left_to_sell_renders_no_empty_section(client, small_shop, home_page):
    only = small_shop.add_product(title="Last jug", stock=0)
    page = landing(home_page, carousel([only], title="Nothing to see"))

    response = client.get(page.url)

    assert response.status_code == 200
    assert "Nothing to see" not in response.content.decode()


def test_newest_source_lists_the_categorys_latest_products_up_to_the_count(small_shop):
    older, newer, newest = small_shop.add_products(3)
    small_shop.add_product(title="Linen towel", category=small_shop.textiles)
    block = ProductCollectionBlock()
    value = block.to_python(
        {"source": "newest", "category": small_shop.ceramics.pk, "count": 2, "products": []}
    )

    items = block.live_items(value, RequestFactory().get("/"))

    assert [item.product for item in items] == [newest, newer]


def test_best_seller_source_orders_by_oscars_analytics_score(small_shop):
    steady, popular = small_shop.add_products(2)
    ProductRecord.objects.create(product=popular, score=50)
    ProductRecord.objects.create(product=steady, score=5)
    block = ProductCollectionBlock()
    value = block.to_python({"source": "top", "category": None, "count": 2, "products": []})

    items = block.live_items(value)

    assert [item.product for item in items] == [popular, steady]


def test_offer_source_lists_the_products_the_offer_discounts(small_shop):
    jug = small_shop.add_product(title="Kosiv jug")
    small_shop.add_product(title="Linen towel", category=small_shop.textiles)
    offer = small_shop.add_offer()
    block = ProductCollectionBlock()
    value = block.to_python({"source": "offer", "offer": offer.pk, "count": 8, "products": []})

    items = block.live_items(value)

    assert [item.product for item in items] == [jug]


def test_carousel_refuses_a_hand_picked_source_without_products_and_an_offer_source_without_offer():
    from django.core.exceptions import ValidationError

    block = ProductCollectionBlock()
    for raw in (
        {"source": "hand_picked", "products": []},
        {"source": "offer", "offer": None, "products": []},
    ):
        with pytest.raises(ValidationError):
            block.clean(block.to_python({"count": 4, "layout": "grid", "title": "", **raw}))


def test_offer_banner_shows_while_the_offer_runs_and_hides_before_and_after(client, small_shop, home_page):
    offer = small_shop.add_offer(name="Pottery week")
    banner = ("offer_banner", {"offer": offer.pk, "headline": "Pottery week: 10% off", "link_label": "Go"})
    page = landing(home_page, banner)

    running = client.get(page.url).content.decode()
    offer.end_datetime = timezone.now() - timezone.timedelta(days=1)
    offer.save()
    ended = client.get(page.url).content.decode()
    offer.end_datetime = None
    offer.status = ConditionalOffer.SUSPENDED
    offer.save()
    suspended = client.get(page.url).content.decode()

    assert "Pottery week: 10% off" in running and offer.get_absolute_url() in running
    assert "Pottery week: 10% off" not in ended
    assert "Pottery week: 10% off" not in suspended


def test_product_block_api_representation_is_the_live_product(small_shop):
    jug = small_shop.add_product(title="Kosiv jug", price="24.00", with_image=True)
    block = ProductBlock()
    value = block.to_python({"product": jug.pk, "blurb": "Thrown by hand"})

    data = block.get_api_representation(value, context={"request": RequestFactory().get("/")})

    product = data["product"]
    assert data["blurb"] == "Thrown by hand"
    assert product["title"] == "Kosiv jug"
    assert product["price"] == {"amount": "24.00", "currency": "EUR", "tax_included": True} or product[
        "price"
    ] == {"amount": "24.00", "currency": "EUR", "tax_included": False}
    assert product["availability"]["is_available_to_buy"] is True
    assert product["image"].startswith("http://testserver/") and product["image"].endswith(".png")


def test_product_block_api_representation_is_empty_once_the_product_sells_out(small_shop):
    jug = small_shop.add_product(title="Kosiv jug", stock=0)
    block = ProductBlock()

    data = block.get_api_representation(block.to_python({"product": jug.pk, "blurb": ""}))

    assert data["product"] is None


def test_carousel_api_representation_lists_live_products(small_shop):
    jug, sold_out = small_shop.add_product(title="Kosiv jug", price="24.00"), small_shop.add_product(stock=0)
    block = ProductCollectionBlock()
    value = block.to_python({"source": "hand_picked", "products": [jug.pk, sold_out.pk], "count": 8})

    data = block.get_api_representation(value)

    assert [p["title"] for p in data["products"]] == ["Kosiv jug"]
    assert data["products"][0]["price"]["amount"] == "24.00"


def test_block_picker_previews_render_a_live_product(small_shop):
    small_shop.add_product(title="Preview jug", price="12.00")
    block = ProductBlock()
    request = RequestFactory().get("/")

    html = block.render(block.get_preview_value(), context={"request": request})

    assert "Preview jug" in html and "€12.00" in html
    assert block.get_preview_template(block.get_preview_value()) == "cms/blocks/preview.html"


def test_offer_banner_api_names_the_offer_only_while_it_runs(small_shop):
    offer = small_shop.add_offer(name="Pottery week")
    block = OfferBannerBlock()
    value = block.to_python({"offer": offer.pk, "headline": "10% off", "text": ""})

    running = block.get_api_representation(value)
    offer.status = ConditionalOffer.SUSPENDED
    offer.save()
    suspended = block.get_api_representation(block.to_python({"offer": offer.pk, "headline": "10% off"}))

    assert running["offer"]["name"] == "Pottery week"
    assert suspended["offer"] is None


def test_deleted_category_and_offer_leave_no_broken_tiles_or_banners(client, small_shop, home_page):
    offer = small_shop.add_offer(name="Pottery week")
    tiles = (
        "category_tiles",
        {"title": "Shop by craft", "categories": [small_shop.textiles.pk, small_shop.ceramics.pk]},
    )
    banner = ("offer_banner", {"offer": offer.pk, "headline": "Pottery week: 10% off", "link_label": "Go"})
    page = landing(home_page, tiles, banner)
    small_shop.textiles.delete()
    offer.delete()

    response = client.get(page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ceramics" in html and "Textiles" not in html
    assert "Pottery week: 10% off" not in html
