"""What a stored page is keyed by, and which visitors may be served one."""

import pytest
from django.test import RequestFactory

from ptashka.page_cache import keys
from ptashka.page_cache.middleware import is_cacheable_request

requests = RequestFactory()


def test_the_same_page_for_the_same_language_has_one_key():
    assert keys.page_key(requests.get("/catalogue/")) == keys.page_key(requests.get("/catalogue/"))


@pytest.mark.parametrize(
    "other",
    [
        requests.get("/catalogue/", {"page": "2"}),
        requests.get("/catalogue/", headers={"Accept-Language": "uk"}),
        requests.get("/catalogue/", HTTP_HOST="localhost"),
        requests.get("/catalogue/", secure=True),
    ],
    ids=["query", "language", "host", "scheme"],
)
def test_what_changes_a_page_changes_its_key(other):
    assert keys.page_key(other) != keys.page_key(requests.get("/catalogue/"))


def test_the_language_cookie_picks_the_key_like_the_locale_middleware(settings):
    by_cookie = requests.get("/")
    by_cookie.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "uk"

    assert keys.page_key(by_cookie) == keys.page_key(requests.get("/", headers={"Accept-Language": "uk"}))


def test_a_new_generation_differs_from_the_last():
    assert keys.new_generation() != keys.new_generation()


@pytest.mark.parametrize("cookie", ["sessionid", "oscar_open_basket", "messages"])
def test_a_visitor_with_state_is_not_served_stored_pages(cookie):
    request = requests.get("/")
    request.COOKIES[cookie] = "x"

    assert not is_cacheable_request(request)


def test_a_first_time_visitor_of_a_storefront_page_may_be_served_one():
    assert is_cacheable_request(requests.get("/catalogue/"))


@pytest.mark.parametrize(
    "path", ["/basket/", "/checkout/", "/accounts/", "/dashboard/", "/cms/", "/api/products/"]
)
def test_private_areas_are_never_served_stored_pages(path):
    assert not is_cacheable_request(requests.get(path))


def test_only_gets_are_served_stored_pages():
    assert not is_cacheable_request(requests.head("/"))
    assert not is_cacheable_request(requests.post("/"))


def test_an_api_client_with_credentials_is_not_served_stored_pages():
    assert not is_cacheable_request(requests.get("/", headers={"Authorization": "Bearer x"}))
