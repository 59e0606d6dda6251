"""The sitemap, robots.txt and canonical links name SHOP_BASE_URL, the shop's one public address."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.sites.models import Site as DjangoSite
from django.core.management import call_command
from wagtail.models import Site

from cms.standard import StandardPage
from ptashka.public_url import sync_sites_with_shop_url
from tests.cms.builders import publish

pytestmark = pytest.mark.django_db

SHOP = "https://shop.example.org"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def shop_at_its_public_url(settings, home_page):
    """SHOP_BASE_URL as a deployment sets it, and the Site rows as migrate then leaves them."""
    settings.SHOP_BASE_URL = SHOP
    settings.WAGTAILADMIN_BASE_URL = SHOP
    settings.OSCAR_URL_SCHEMA = "https"
    sync_sites_with_shop_url()
    return home_page


def test_migrate_points_both_site_rows_at_the_shop_base_url(settings, home_page):
    # given the rows as Django and Wagtail create them, and a deployment's SHOP_BASE_URL
    DjangoSite.objects.filter(pk=settings.SITE_ID).update(domain="example.com")
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    settings.SHOP_BASE_URL = SHOP

    # when the deployment migrates
    call_command("migrate", verbosity=0)

    # then both rows follow SHOP_BASE_URL
    site = Site.objects.get(is_default_site=True)

    assert (site.hostname, site.port, site.root_url) == ("shop.example.org", 443, SHOP)
    assert DjangoSite.objects.get_current().domain == "shop.example.org"


def test_sitemap_and_robots_txt_name_the_shop_base_url(client, shop_at_its_public_url, small_shop):
    about = publish(shop_at_its_public_url, StandardPage(title="About", slug="about"))
    jug = small_shop.add_product(title="Kosiv jug")

    sitemap = client.get("/sitemap.xml")
    robots = client.get("/robots.txt").content.decode().splitlines()

    locations = {loc.text for loc in ET.fromstring(sitemap.content).findall("sm:url/sm:loc", SITEMAP_NS)}
    assert f"{SHOP}/" in locations and f"{SHOP}{about.url}" in locations
    assert f"{SHOP}{jug.get_absolute_url()}" in locations
    assert all(location.startswith(SHOP + "/") for location in locations)
    assert f"Sitemap: {SHOP}/sitemap.xml" in robots


def test_a_pages_canonical_link_names_the_shop_base_url(client, shop_at_its_public_url):
    about = publish(shop_at_its_public_url, StandardPage(title="About", slug="about"))

    html = client.get(about.url).content.decode()

    assert f'<link rel="canonical" href="{SHOP}/about/">' in html
