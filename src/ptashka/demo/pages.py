"""The demo home page: built from fixtures/pages.json, published, and made the root of the default site."""

import uuid

from wagtail.models import Page, Site

from cms.home import HomePage
from ptashka.demo.catalogue import DemoCatalogue
from ptashka.demo.fixture_files import read_fixture
from ptashka.demo.images import wagtail_banner
from ptashka.demo.tally import Tally
from ptashka.public_url import sync_sites_with_shop_url, wagtail_site_address


def load_home_page(catalogue: DemoCatalogue, tally: Tally, with_images: bool = True) -> HomePage:
    data = read_fixture("pages.json")
    pictures = {}
    if with_images:
        pictures = {
            entry["key"]: wagtail_banner(
                entry["title"], entry["caption"], (entry["width"], entry["height"]), tally
            )
            for entry in data["images"]
        }
    home = HomePage.objects.first()
    created = home is None
    if created:
        home = _build_home_page(data["home"], catalogue, pictures)
    tally.count("pages", created)
    _make_site_root(home, data["site"], tally)
    return home


def _build_home_page(entry, catalogue, pictures):
    root = Page.get_first_root_node()
    _remove_wagtail_welcome_page(root)
    home = HomePage(
        title=entry["title"],
        slug=entry["slug"],
        seo_title=entry["seo_title"],
        search_description=entry["search_description"],
        hero_title=entry["hero_title"],
        hero_text=entry["hero_text"],
        hero_image=pictures.get(entry["hero_image"]),
        hero_cta_text=entry["hero_cta_text"],
        hero_cta_link=entry["hero_cta_link"],
        body=[
            block
            for block in (_stream_block(raw, catalogue, pictures) for raw in entry["body"])
            if block is not None
        ],
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    return home


def _remove_wagtail_welcome_page(root):
    """Delete the "Welcome to your new Wagtail site!" page that Wagtail's migrations create.

    It holds the slug the home page wants. Only an untouched one goes: a plain Page with no
    pages under it, so nothing an editor made is lost.
    """
    for page in root.get_children().exact_type(Page):
        if page.is_leaf():
            page.delete()


def _stream_block(raw, catalogue, pictures):
    """The StreamField data of one block, with the fixture's UPCs, codes and image keys made into pks."""
    kind, value = raw["type"], raw["value"]
    if isinstance(value, dict):
        value = dict(value)  # resolved in a copy: the fixture data stays as it was read
    if kind == "product_collection":
        value["products"] = [catalogue.products[upc].pk for upc in value.get("products", [])]
        code = value.get("category")
        value["category"] = catalogue.categories[code].pk if code else None
    elif kind == "category_tiles":
        value["categories"] = [catalogue.categories[code].pk for code in value["categories"]]
    elif kind == "image":
        picture = pictures.get(value["image"])
        if picture is None:
            # Loaded without images (--no-images): an image block cannot be empty, so leave it out.
            return None
        value["image"] = picture.pk
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _make_site_root(home, entry, tally):
    # The site answers at SHOP_BASE_URL's host and port, like the one migrate leaves (ptashka.public_url).
    hostname, port = wagtail_site_address()
    site = (
        Site.objects.filter(is_default_site=True).first()
        or Site.objects.filter(hostname=hostname, port=port).first()
    )
    created = site is None
    if created:
        site = Site(hostname=hostname, port=port, site_name=entry["site_name"])
    # An existing site keeps the name it was given; it only has to serve the home page.
    if created or site.root_page_id != home.pk or not site.is_default_site or not site.site_name:
        site.root_page = home
        site.is_default_site = True
        site.site_name = site.site_name or entry["site_name"]
        site.save()
    sync_sites_with_shop_url()
    tally.count("sites", created)
