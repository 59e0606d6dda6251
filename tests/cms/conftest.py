"""Fixtures for the content tests: a small priced shop and a home page as the default site's root."""

import pytest
from wagtail.models import Page, Site

from ptashka.demo.wagtail_tree import ensure_wagtail_roots
from tests.cms.builders import SmallShop


@pytest.fixture
def small_shop(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return SmallShop()


@pytest.fixture
def home_page(db):
    """A published home page as the default site's root, as load_demo makes it."""
    from cms.home import HomePage

    # A transactional test before this one (the browser tests) may have flushed Wagtail's roots.
    ensure_wagtail_roots()
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
