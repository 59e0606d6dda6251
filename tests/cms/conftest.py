"""Fixtures for the content tests: a published home page as the default site's root."""

import pytest
from wagtail.models import Page, Site


@pytest.fixture
def home_page(db):
    """A published home page as the default site's root, as load_demo makes it."""
    from cms.home import HomePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Ptashka", slug="ptashka-home", hero_title="Little birds"))
    home.save_revision().publish()
    home.refresh_from_db()
    site = Site.objects.filter(is_default_site=True).first() or Site(hostname="localhost", port=80)
    site.root_page = home
    site.is_default_site = True
    site.save()
    Site.clear_site_root_paths_cache()
    return home


@pytest.fixture
def navigation(home_page):
    """A live main menu, footer and announcement bar, as every storefront page shows them."""
    from cms.navigation import AnnouncementBar, Footer, FooterLink, MainMenu, MainMenuItem

    menu = MainMenu(name="Main", live=True)
    menu.items = [
        MainMenuItem(label="Journal", link_url="/journal/"),
        MainMenuItem(label="Home", link_page=home_page),
    ]
    menu.save()
    footer = Footer(name="Footer", text="<p>Made in Ukraine</p>", live=True)
    footer.links = [FooterLink(label="Delivery", link_url="/delivery/")]
    footer.save()
    AnnouncementBar.objects.create(text="Free delivery over €80", live=True)
