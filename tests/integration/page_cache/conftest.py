"""Fixtures for the page cache tests: a published home page, and an anonymous visitor's GET."""

import pytest
from wagtail.models import Page, Site


@pytest.fixture
def home_page(db):
    """A published home page as the default site's root."""
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
def anonymous_get():
    """A GET by a first-time visitor: a fresh client each time, so no cookie of an earlier answer."""
    from django.test import Client

    def get(path, **headers):
        return Client().get(path, headers=headers)

    return get
