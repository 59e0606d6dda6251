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
