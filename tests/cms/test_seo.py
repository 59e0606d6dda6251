"""sitemap.xml, robots.txt, canonical links and schema.org JSON-LD that search engines can read."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from cms.standard import StandardPage
from tests.cms.builders import publish

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def json_ld(html):
    """Every JSON-LD object on a page, parsed: a syntax error fails the test."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    return [json.loads(block) for block in blocks]


def test_sitemap_lists_live_pages_public_categories_and_browsable_products(client, home_page, small_shop):
    about = publish(home_page, StandardPage(title="About", slug="about"))
    jug = small_shop.add_product(title="Kosiv jug")
    hidden = small_shop.add_product(title="Hidden jug", is_public=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = {loc.text for loc in ET.fromstring(response.content).findall("sm:url/sm:loc", SITEMAP_NS)}
    site_root = home_page.get_site().root_url
    assert about.full_url in locations and home_page.full_url in locations
    assert site_root + small_shop.ceramics.get_absolute_url() in locations
    assert site_root + jug.get_absolute_url() in locations
    assert site_root + hidden.get_absolute_url() not in locations


def test_robots_txt_keeps_crawlers_out_of_baskets_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/plain")
    assert "User-agent: *" in lines
    assert {"Disallow: /basket/", "Disallow: /checkout/", "Disallow: /cms/"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_product_page_carries_product_and_offer_json_ld_with_the_live_price(client, small_shop):
    jug = small_shop.add_product(title='Kosiv jug "Roosters"', price="24.00")

    data = json_ld(client.get(jug.get_absolute_url()).content.decode())

    product = next(item for item in data if item["@type"] == "Product")
    assert product["@context"] == "https://schema.org"
    assert product["name"] == 'Kosiv jug "Roosters"'
    assert product["url"] == "http://testserver" + jug.get_absolute_url()
    assert product["offers"] == {
        "@type": "Offer",
        "price": "24.00",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock",
        "url": product["url"],
    }


def test_sold_out_product_is_offered_as_out_of_stock(client, small_shop):
    jug = small_shop.add_product(title="Kosiv jug", stock=0)

    data = json_ld(client.get(jug.get_absolute_url()).content.decode())

    assert data[0]["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_category_page_carries_a_breadcrumb_list_from_the_top_category(client, small_shop):
    small_shop.add_product(title="Kosiv jug")
    jugs = small_shop.ceramics.add_child(name="Jugs", slug="jugs", is_public=True)
    small_shop.add_product(title="Tall jug", category=jugs)

    data = json_ld(client.get(jugs.get_absolute_url()).content.decode())

    crumbs = next(item for item in data if item["@type"] == "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [(1, "Ceramics"), (2, "Jugs")]
    assert crumbs[1]["item"] == "http://testserver" + jugs.get_absolute_url()


def test_content_page_has_its_social_card_and_breadcrumbs(client, home_page):
    about = publish(home_page, StandardPage(title="About", slug="about", search_description="Who we are"))

    html = client.get(about.url).content.decode()

    assert '<meta property="og:title" content="About">' in html
    assert '<meta property="og:description" content="Who we are">' in html
    crumbs = next(item for item in json_ld(html) if item["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Ptashka", "About"]
