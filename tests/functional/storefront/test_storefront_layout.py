"""The storefront's one layout: header, menu, search suggestions, mini-basket, listings, footer."""

import json
import re
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

STOREFRONT_PAGES = ["/", "/catalogue/", "/basket/", "/search/?q=jug", "/accounts/login/", "/offers/"]


def html_of(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize("path", STOREFRONT_PAGES)
def test_storefront_pages_use_the_design_system_and_no_oscar_or_bootstrap_assets(demo_shop, client, path):
    html = html_of(client, path)

    assert "ptashka/css/shop.css" in html and "ptashka/js/shop.js" in html
    leftovers = ("oscar/css/styles.css", "bootstrap", "jquery", "fontawesome", "font-awesome", "googleapis")
    for leftover in leftovers:
        assert leftover not in html.lower(), (path, leftover)
    # One landmark each, a skip link to the main content.
    assert html.count("<main") == 1 and 'href="#main"' in html
    assert html.count('class="site-header"') == 1 and html.count('class="site-footer"') == 1


def test_the_dashboard_keeps_oscars_look_and_jquery(demo_shop, admin_client):
    html = html_of(admin_client, "/dashboard/")

    assert "jquery" in html.lower() and "ptashka/css/shop.css" not in html


def test_header_offers_categories_menu_search_account_and_basket(demo_shop, client):
    html = html_of(client, "/")

    top = [c.name for c in Category.get_root_nodes() if c.is_public]
    assert top and all(name.replace("&", "&amp;") in html for name in top)
    assert '<details class="site-nav__shop">' in html  # the categories open without JavaScript
    assert 'role="search"' in html and 'data-suggest-url="/search/suggest/"' in html
    assert 'id="login_link"' in html
    assert 'data-visitor="basket-items">0<' in html
    assert "Your basket is empty." in html


def test_a_visitor_with_a_basket_sees_its_count_and_lines_in_the_drawer(demo_shop, client):
    product = Product.objects.filter(structure="standalone", stockrecords__num_in_stock__gt=2).first()
    response = client.post(f"/basket/add/{product.pk}/", {"quantity": 2})
    assert response.status_code == 302

    html = html_of(client, "/catalogue/")

    assert 'data-visitor="basket-items">2<' in html
    drawer = html.split('id="basket-drawer"', 1)[1].split("</dialog>", 1)[0]
    assert product.get_title().replace('"', "&quot;") in drawer
    assert "Quantity 2" in drawer and 'href="/checkout/"' in drawer


def test_language_choice_is_buttons_not_an_unlabelled_select(demo_shop, client):
    html = html_of(client, "/")

    assert 'name="language"' in html and '<select name="language"' not in html
    assert re.search(r'<button type="submit" name="language" value="uk"[^>]*>Українська</button>', html)


def test_category_listing_offers_its_subcategories_and_a_sort_menu(demo_shop, client):
    parent = next(c for c in Category.get_root_nodes() if c.get_children().exists())
    child = parent.get_children().first()

    html = html_of(client, parent.get_absolute_url())

    assert f'href="{child.get_absolute_url()}"' in html
    assert 'id="id_sort_by"' in html and "data-autosubmit" in html
    assert '<ul class="product-grid">' in html and html.count('class="ptashka-card') >= 1
    # Cards have no empty stars and no "…" titles: the title is whole, CSS clamps it.
    assert "fa-star" not in html and "…</a>" not in html


def test_an_empty_listing_helps_the_shopper_on(demo_shop, client):
    Product.objects.update(is_public=False)

    html = html_of(client, "/catalogue/")

    assert "Nothing here yet" in html and 'href="/catalogue/"' in html


def suggestions(client, query, **extra):
    response = client.get("/search/suggest/", {"q": query}, **extra)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)["results"]


def test_suggestions_name_products_with_their_live_price_and_picture(demo_shop, client):
    found = suggestions(client, "ju")

    assert found, "a prefix of 'jug' suggests the jugs"
    first = found[0]
    assert "jug" in first["title"].lower()
    assert first["url"].startswith("/catalogue/") and first["price"].startswith("€")
    assert first["image"]
    assert len(found) <= 6


@pytest.mark.parametrize("query", ["", "j", "x" * 101, "   "])
def test_too_short_or_too_long_queries_suggest_nothing(demo_shop, client, query):
    assert suggestions(client, query) == []


def test_suggestions_leave_out_hidden_products(demo_shop, client):
    hidden = Product.objects.filter(title__icontains="jug", parent=None).first()
    hidden.is_public = False
    hidden.save()

    titles = [found["title"] for found in suggestions(client, "jug")]

    assert hidden.get_title() not in titles


def test_suggestions_only_answer_get(demo_shop, client):
    assert client.post("/search/suggest/", {"q": "jug"}).status_code == 405


def test_sold_out_products_are_marked_and_offer_no_quick_add(demo_shop, client):
    product = Product.objects.filter(structure="standalone", title__icontains="jug").first()
    product.stockrecords.update(num_in_stock=0, num_allocated=0)

    html = html_of(client, "/search/?q=" + product.title.split()[0])

    card = html.split(product.get_title().replace('"', "&quot;"), 1)[0].rsplit("<article", 1)[1]
    assert "ptashka-card--soldout" in card and "Sold out" in card
    after = html.split(product.get_title().replace('"', "&quot;"), 1)[1].split("</article>", 1)[0]
    assert f"/basket/add/{product.pk}/" not in after


def test_price_text_is_what_the_shopper_pays(demo_shop):
    from oscar.core.prices import Price

    from ptashka.templatetags.shop_display import price_text

    assert price_text(Price("EUR", Decimal("10.00"), tax=Decimal("2.00"))) == "€12.00"
    assert price_text(Price("EUR", Decimal("10.00"))) == "€10.00"
    assert price_text(None) == ""


def test_offer_pages_show_each_products_price_under_the_offer(demo_shop, client):
    offer = get_model("offer", "ConditionalOffer").active.filter(offer_type="Site").first()
    assert offer is not None, "the demo runs an offer"

    for path in ["/offers/", f"/offers/{offer.slug}/"]:
        html = html_of(client, path)
        cards = html.split("<article")[1:]
        assert cards, path
        discounted = [card for card in cards if 'class="price__was"' in card]
        assert discounted and len(discounted) == len(cards), path
        assert offer.name in discounted[0]
