"""Fixtures for the page cache tests: a published home page, and an anonymous visitor's GET."""

import pytest

from tests.cms import conftest as content_fixtures

# The content tests' fixture: a published home page as the default site's root.
home_page = content_fixtures.home_page


@pytest.fixture
def anonymous_get():
    """A GET by a first-time visitor: a fresh client each time, so no cookie of an earlier answer."""
    from django.test import Client

    def get(path, **headers):
        return Client().get(path, headers=headers)

    return get
