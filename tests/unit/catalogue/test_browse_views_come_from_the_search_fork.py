"""Catalogue browsing is the search fork's, everything else about the catalogue and search stays Oscar's."""

from django.apps import apps
from haystack import connections
from oscar.core.loading import get_class, get_model


def test_oscars_catalogue_urls_serve_the_search_forks_browse_views():
    # given Oscar's own catalogue app, which takes its browse views from the search app
    catalogue = apps.get_app_config("catalogue")

    # then the views it mounts at /catalogue/ are the fork's database-backed ones
    assert catalogue.name == "oscar.apps.catalogue"
    assert catalogue.catalogue_view.__module__ == "forked_apps.search.views.catalogue"
    assert catalogue.category_view.__module__ == "forked_apps.search.views.catalogue"
    assert get_class("search.views", "FacetedSearchView").__module__ == "oscar.apps.search.views.search"


def test_the_search_fork_keeps_oscars_product_search_index():
    # Haystack collects indexes from each installed app's own search_indexes module.
    indexed = connections["default"].get_unified_index().get_indexed_models()

    assert get_model("catalogue", "Product") in indexed


def test_the_review_form_is_ours_and_the_reviews_app_oscars():
    reviews = apps.get_app_config("reviews")

    assert reviews.name == "oscar.apps.catalogue.reviews"
    assert reviews.create_view.__module__ == "forked_apps.catalogue.reviews.views"
