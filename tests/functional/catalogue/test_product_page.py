"""The product page as a shopper uses it: pictures, choosing a variant (with and without JavaScript),
the offer price, the buy box, details, reviews, delivery and related products, in a fixed number of
queries."""

import json
import re
import uuid
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test import factories

from forked_apps.offer.display import offer_prices
from ptashka.product_listing import browsable_products

Basket = get_model("basket", "Basket")
OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")
ProductRecommendation = get_model("catalogue", "ProductRecommendation")

pytestmark = pytest.mark.django_db


def page(client, url, **params):
    response = client.get(url, params)
    return response, response.content.decode()


def radio_values(html, name):
    return re.findall(rf'name="{name}" value="([^"]+)"', html)


def checked_value(html, name):
    found = re.search(rf'name="{name}" value="([^"]+)"\s+id="[^"]+" checked', html)
    return found.group(1) if found else None


def basket_action(html):
    return re.search(r'id="add_to_basket_form" method="post"[^>]*action="([^"]+)"', html, re.S).group(1)


def add_button(html):
    return re.search(r"<button[^>]*data-add-button[^>]*>[^<]*</button>", html, re.S).group(0)


def variants_island(html):
    found = re.search(r'<script id="product-variants" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


# Choosing a variant


def test_parent_page_offers_one_radio_group_per_dimension_in_the_options_own_order(client, wardrobe):
    shirt = wardrobe.shirt(sizes=("XL", "L", "M", "S"))

    response, html = page(client, shirt.get_absolute_url())

    assert response.status_code == 200
    assert radio_values(html, "size") == ["S", "M", "L", "XL"]
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>Size</legend>", html)
    assert 'method="get"' in html and f'action="{shirt.get_absolute_url()}#buy-box"' in html
    # The first size that can be bought is chosen, and the form buys it.
    assert checked_value(html, "size") == "S"
    assert basket_action(html) == reverse("basket:add", args=[wardrobe.variant(shirt, "S").pk])
    assert "Add to basket" in add_button(html) and "disabled" not in add_button(html)
    assert "Variants:" not in html


def test_without_javascript_the_picker_form_chooses_the_variant_and_it_goes_in_the_basket(client, wardrobe):
    shirt = wardrobe.shirt(prices={"M": "91.00"}, stock={"M": 2})
    medium = wardrobe.variant(shirt, "M")

    response, html = page(client, shirt.get_absolute_url(), size="M")
    added = client.post(basket_action(html), {"quantity": 2})

    assert response.status_code == 200
    assert checked_value(html, "size") == "M"
    assert "€91.00" in html and "Only 2 left" in html
    assert basket_action(html) == reverse("basket:add", args=[medium.pk])
    assert added.status_code == 302
    line = Basket.objects.get().lines.get()
    assert (line.product, line.quantity) == (medium, 2)


def test_a_size_the_product_does_not_come_in_is_refused_clearly_and_sells_nothing(client, wardrobe):
    shirt = wardrobe.shirt()

    response, html = page(client, shirt.get_absolute_url(), size="XXXL")

    assert response.status_code == 400
    assert "There is no size “XXXL” of this product" in html
    assert checked_value(html, "size") is None
    assert "disabled" in add_button(html)


def test_a_size_no_variant_has_is_refused(client, wardrobe):
    shirt = wardrobe.shirt(sizes=("S", "M"))

    response, html = page(client, shirt.get_absolute_url(), size="XL")

    assert response.status_code == 400
    assert "There is no size “XL” of this product" in html


def test_other_query_parameters_leave_the_picker_alone(client, wardrobe):
    shirt = wardrobe.shirt()

    response, html = page(client, shirt.get_absolute_url(), utm_source="newsletter")

    assert response.status_code == 200
    assert checked_value(html, "size") == "S"


def test_a_sold_out_size_is_marked_and_choosing_it_offers_no_way_to_buy(client, wardrobe):
    shirt = wardrobe.shirt(stock={"S": 0})

    _, first_look = page(client, shirt.get_absolute_url())
    response, html = page(client, shirt.get_absolute_url(), size="S")

    assert checked_value(first_look, "size") == "M"  # the first one that can be bought
    assert re.search(r'variant-picker__option--sold-out"[^>]*>\s*<input[^>]*value="S"', first_look)
    assert re.search(r'value="S".*?sold out', first_look, re.S)
    assert response.status_code == 200
    assert "disabled" in add_button(html) and "Sold out" in add_button(html)
    assert 'id="alert_form"' in html


def test_the_data_island_tells_the_script_each_variants_price_stock_and_basket_address(client, wardrobe):
    shirt = wardrobe.shirt(prices={"XL": "95.00"}, stock={"L": 0})

    _, html = page(client, shirt.get_absolute_url())
    data = variants_island(html)

    assert data["dimensions"] == ["size"]
    by_size = {variant["values"]["size"]: variant for variant in data["variants"]}
    assert list(by_size) == ["S", "M", "L", "XL"]
    assert by_size["XL"]["price"] == "€95.00"
    assert by_size["L"]["available"] is False and by_size["S"]["available"] is True
    assert by_size["M"]["addUrl"] == reverse("basket:add", args=[wardrobe.variant(shirt, "M").pk])


def test_the_island_cannot_end_its_script_element(client, wardrobe):
    shirt = wardrobe.shirt(title="Shirt </script><script>alert(1)</script>")

    _, html = page(client, shirt.get_absolute_url())

    island = re.search(r'<script id="product-variants" type="application/json">(.*?)</script>', html, re.S)
    assert "<script>" not in island.group(1)


def test_a_variants_own_page_shows_its_parents_description_and_the_picker_with_it_chosen(client, wardrobe):
    shirt = wardrobe.shirt()
    large = wardrobe.variant(shirt, "L")

    response, html = page(client, large.get_absolute_url())

    assert response.status_code == 200
    assert "Heavy natural linen" in html
    assert checked_value(html, "size") == "L"
    assert radio_values(html, "size") == ["S", "M", "L", "XL"]
    assert basket_action(html) == reverse("basket:add", args=[large.pk])
    assert re.search(r"<h1[^>]*>\s*Poltava shirt\s*</h1>", html)


def test_variants_told_apart_by_title_only_are_chosen_by_title(client, small_shop):
    parent = small_shop.add_product(title="Vyshyvanka", structure="parent", price=None, stock=None)
    children = [
        small_shop.add_product(title=f"Vyshyvanka size {n}", parent=parent, price="40.00", stock=3)
        for n in range(3)
    ]

    _, html = page(client, parent.get_absolute_url(), variant=children[1].pk)

    assert "Vyshyvanka size 0" in html and "Vyshyvanka size 2" in html
    assert basket_action(html) == reverse("basket:add", args=[children[1].pk])


# The buy box


def test_buy_box_has_a_labelled_quantity_and_the_add_to_basket_button(client, small_shop):
    jug = small_shop.add_product(title="Kosiv jug")

    _, html = page(client, jug.get_absolute_url())

    assert '<label class="field__label" for="id_quantity">Quantity</label>' in html
    assert re.search(r'<input[^>]*type="number" name="quantity" id="id_quantity"', html)
    assert "btn--primary" in add_button(html) and "Add to basket" in add_button(html)
    assert basket_action(html) == reverse("basket:add", args=[jug.pk])


def test_an_offer_on_the_products_category_shows_the_discounted_price_and_the_normal_one_struck(
    client, small_shop
):
    jug = small_shop.add_product(title="Kosiv jug", price="19.50")
    towel = small_shop.add_product(title="Linen towel", price="19.50", category=small_shop.textiles)
    small_shop.add_offer(name="Pottery week: 10% off")

    _, jug_html = page(client, jug.get_absolute_url())
    _, towel_html = page(client, towel.get_absolute_url())

    assert re.search(r'class="price__now"[^>]*>€17.55</span>', jug_html)
    assert re.search(r'<del class="price__was"[^>]*>€19.50</del>', jug_html)
    assert "Pottery week: 10% off" in jug_html
    assert "price__was" not in towel_html.split('id="buy-box"')[1].split("</section>")[0]


def test_an_offer_on_a_variants_category_shows_in_the_buy_box_and_for_each_variant(
    client, wardrobe, small_shop
):
    small_shop.add_offer(name="Linen days: 10% off", category=small_shop.textiles)
    shirt = wardrobe.shirt(prices={"L": "95.00"})

    _, html = page(client, shirt.get_absolute_url(), size="L")
    by_size = {variant["values"]["size"]: variant for variant in variants_island(html)["variants"]}

    assert re.search(r'class="price__now"[^>]*>€85.50</span>', html)
    assert re.search(r'<del class="price__was"[^>]*>€95.00</del>', html)
    assert (by_size["S"]["was"], by_size["S"]["now"], by_size["S"]["offer"]) == (
        "€89.00",
        "€80.10",
        "Linen days: 10% off",
    )


def test_page_shows_no_upc_product_type_tax_or_empty_review_count(client, small_shop):
    jug = small_shop.add_product(title="Kosiv jug")

    _, html = page(client, jug.get_absolute_url())
    shown = html.split('class="product-page"')[1]  # the page itself, not the search engines' data

    for gone in (jug.upc, "Product Type", "Price (excl. tax)", "Tax", "Number of reviews"):
        assert gone not in shown, gone


def test_details_list_the_products_own_attributes(client, wardrobe):
    shirt = wardrobe.shirt()

    _, html = page(client, shirt.get_absolute_url())

    assert re.search(r"<dt>Fabric</dt>\s*<dd>Linen</dd>", html)
    assert "<dt>Size</dt>" not in html  # chosen in the picker


def test_reviews_summary_shows_only_with_reviews_and_links_to_them(client, small_shop):
    quiet = small_shop.add_product(title="Quiet jug")
    loved = small_shop.add_product(title="Loved jug")
    for score in (4, 5):
        factories.ProductReviewFactory(product=loved, status=1, score=score, title=f"Scored {score}")
    loved.refresh_from_db()

    _, quiet_html = page(client, quiet.get_absolute_url())
    _, loved_html = page(client, loved.get_absolute_url())

    assert "product-page__rating" not in quiet_html
    assert re.search(r'href="#reviews">.*?4\.5 out of 5 \(2 reviews\)', loved_html, re.S)
    buy_box = loved_html.split('id="buy-box"')[1].split("</section>")[0]
    assert "Write a review" not in buy_box


def test_write_a_review_sits_in_the_reviews_section(client, shopper, small_shop):
    jug = small_shop.add_product(title="Kosiv jug")
    client.force_login(shopper)

    _, html = page(client, jug.get_absolute_url())

    reviews = html.split('id="reviews"')[1]
    assert 'id="write_review"' in reviews


def test_delivery_note_takes_the_shops_shipping_prices(client, small_shop):
    jug = small_shop.add_product(title="Kosiv jug")
    OrderAndItemCharges.objects.create(
        code="nova-poshta",
        name="Nova Poshta",
        price_per_order=Decimal("4.90"),
        free_shipping_threshold=Decimal("60.00"),
    )
    OrderAndItemCharges.objects.create(code="courier", name="Courier", price_per_order=Decimal("12.00"))

    _, html = page(client, jug.get_absolute_url())

    assert "Delivery from €4.90, free on orders of €60.00 or more." in html


def test_no_delivery_note_without_shipping_methods(client, small_shop):
    _, html = page(client, small_shop.add_product().get_absolute_url())

    assert "Delivery from" not in html


def test_breadcrumb_leads_home_through_the_category(client, small_shop):
    jug = small_shop.add_product(title="Kosiv jug")

    _, html = page(client, jug.get_absolute_url())

    crumbs = re.search(r'<ol class="breadcrumb">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r"<li[^>]*>(?:<a [^>]*>)?([^<]+)", crumbs) == ["Home", "Ceramics", "Kosiv jug"]
    assert '<li aria-current="page">Kosiv jug</li>' in crumbs


# Pictures


def test_gallery_shows_the_main_picture_large_and_the_others_as_lazy_thumbnails(client, small_shop):
    jug = small_shop.add_product(title="Kosiv jug")
    for n in range(3):
        factories.create_product_image(
            product=jug, original=ContentFile(photo(1600, 1200), name=f"jug-{n}.png")
        )

    _, html = page(client, jug.get_absolute_url())

    main = re.search(r"<img[^>]*data-gallery-main[^>]*>", html, re.S).group(0)
    assert 'loading="lazy"' not in main
    srcset = re.search(r'srcset="([^"]+)"', main).group(1)
    assert [candidate.split()[1] for candidate in srcset.split(", ")] == ["480w", "800w", "1200w"]
    assert 'width="800" height="600"' in main
    thumbs = re.findall(r"<a class=\"gallery__thumb\".*?</a>", html, re.S)
    assert len(thumbs) == 3
    assert all('loading="lazy"' in thumb and 'href="/media/' in thumb for thumb in thumbs)
    assert "data-gallery-zoom" in html and "<dialog" in html


def test_a_picture_whose_file_is_lost_is_left_out_of_the_gallery_not_a_server_error(client, small_shop):
    jug = small_shop.add_product(title="Kosiv jug")
    kept, lost = (
        factories.create_product_image(
            product=jug, original=ContentFile(photo(1600, 1200), name=f"lost-{uuid.uuid4().hex}-{n}.png")
        )
        for n in range(2)
    )
    lost.original.storage.delete(lost.original.name)

    response, html = page(client, jug.get_absolute_url())

    assert response.status_code == 200
    main = re.search(r"<img[^>]*data-gallery-main[^>]*>", html, re.S).group(0)
    assert "srcset=" in main
    assert lost.original.url not in html and kept.original.url in html


# Related products


def test_related_products_are_the_recommended_then_the_categorys_others_at_most_four(client, small_shop):
    jug = small_shop.add_product(title="Kosiv jug")
    others = [small_shop.add_product(title=f"Other pot {n}") for n in range(5)]
    towel = small_shop.add_product(title="Linen towel", category=small_shop.textiles)
    ProductRecommendation.objects.create(primary=jug, recommendation=towel, ranking=1)

    response, html = page(client, jug.get_absolute_url())

    related = [product.title for product in response.context["related_products"]]
    assert len(related) == 4 and related[0] == "Linen towel"
    assert "Kosiv jug" not in related and set(related[1:]) <= {p.title for p in others}
    section = html.split('id="related-heading"')[1].split("</section>")[0]
    assert section.count("<li>") == 4 and 'class="product-grid"' in html


def test_related_cards_show_their_offer_price(client, small_shop):
    jug = small_shop.add_product(title="Kosiv jug")
    small_shop.add_product(title="Kosiv bowl", price="30.00")
    small_shop.add_offer(name="10% off ceramics")

    _, html = page(client, jug.get_absolute_url())

    section = html.split('id="related-heading"')[1].split("</section>")[0]
    assert "Kosiv bowl" in section and "€27.00" in section
    assert re.search(r'<del class="price__was"[^>]*>€30.00</del>', section)


# Queries


def queries_to_render(client, url):
    client.get(url)  # warms the thumbnailer's and the site's caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), "\n".join(query["sql"] for query in captured.captured_queries)


def test_parent_page_costs_the_same_queries_for_2_and_6_variants(client, wardrobe, small_shop):
    small_shop.add_offer(name="10% off textiles", category=small_shop.textiles)
    few = wardrobe.shirt(title="Few", sizes=("M", "L"), images=1)
    many = wardrobe.shirt(title="Many", sizes=SIZES_SIX, images=3)

    with_few, _ = queries_to_render(client, few.get_absolute_url())
    with_many, sql = queries_to_render(client, many.get_absolute_url())

    assert with_few == with_many, sql


def test_variant_page_costs_the_same_queries_for_2_and_6_variants(client, wardrobe):
    few = wardrobe.shirt(title="Few", sizes=("M", "L"), images=1)
    many = wardrobe.shirt(title="Many", sizes=SIZES_SIX, images=3)

    with_few, _ = queries_to_render(client, wardrobe.variant(few, "M").get_absolute_url())
    with_many, sql = queries_to_render(client, wardrobe.variant(many, "M").get_absolute_url())

    assert with_few == with_many, sql


SIZES_SIX = ("XXL", "XL", "L", "M", "S", "XS")


# Offer prices for any list of products (forked_apps.offer.display)


def test_offer_prices_cost_the_same_queries_for_3_and_9_products(small_shop, django_assert_num_queries, rf):
    small_shop.add_offer(name="10% off ceramics")
    # As a listing has them: stock records prefetched (browsable_products).
    few = list(browsable_products().filter(pk__in=[p.pk for p in small_shop.add_products(3)]))
    many = list(browsable_products().filter(pk__in=[p.pk for p in small_shop.add_products(9)]))
    with CaptureQueriesContext(connection) as for_few:
        prices_few = offer_prices(few, shopper_request(rf))
    with django_assert_num_queries(len(for_few)):
        prices_many = offer_prices(many, shopper_request(rf))

    assert len(prices_few) == 3 and len(prices_many) == 9
    assert {price.now for price in prices_many.values()} == {Decimal("17.55")}


def test_offer_prices_leave_out_products_no_offer_discounts(small_shop, rf):
    small_shop.add_offer(name="10% off ceramics")
    jug = small_shop.add_product(title="Kosiv jug", price="20.00")
    towel = small_shop.add_product(title="Linen towel", category=small_shop.textiles)

    prices = offer_prices([jug, towel], shopper_request(rf))

    assert list(prices) == [jug.pk]
    assert (prices[jug.pk].was, prices[jug.pk].now, prices[jug.pk].offer_name) == (
        Decimal("20.00"),
        Decimal("18.00"),
        "10% off ceramics",
    )


def test_an_offer_needing_two_items_shows_no_price_for_one(small_shop, rf):
    offer = small_shop.add_offer(name="Two for less")
    offer.condition.value = 2
    offer.condition.save()
    jug = small_shop.add_product(title="Kosiv jug")

    assert offer_prices([jug], shopper_request(rf)) == {}


def photo(width, height):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), (166, 30, 34)).save(buffer, "PNG")
    return buffer.getvalue()


def shopper_request(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    return request
