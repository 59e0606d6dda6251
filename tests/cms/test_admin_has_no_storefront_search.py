"""Wagtail's admin headers show the admin's own search, never the storefront's sort menu."""

import pytest

pytestmark = pytest.mark.django_db

STOREFRONT_SORT = 'name="sort_by"'


@pytest.mark.parametrize(
    "path",
    [lambda page: f"/cms/pages/{page.pk}/history/", lambda page: "/cms/reports/site-history/"],
    ids=["page history", "site history"],
)
def test_admin_listings_have_no_storefront_search_form(admin_client, home_page, path):
    answer = admin_client.get(path(home_page))

    assert answer.status_code == 200
    assert STOREFRONT_SORT not in answer.content.decode()
    assert "Relevancy" not in answer.content.decode()


def test_the_storefront_still_has_its_search_form_on_every_page(client, home_page):
    answer = client.get("/")

    assert answer.status_code == 200
    assert answer.context["search_form"] is not None
