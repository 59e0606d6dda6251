"""SHOP_BASE_URL is checked at startup: a value that emails and Site rows cannot use is a check error."""

import pytest
from django.core import checks
from django.test import override_settings

from ptashka.public_url import check_shop_base_url, check_shop_base_url_is_https


def errors(check, url):
    with override_settings(SHOP_BASE_URL=url):
        return [problem.id for problem in check(None) if problem.level >= checks.ERROR]


@pytest.mark.parametrize(
    "url", ["https://shop.example.org", "http://127.0.0.1:8000", "https://shop.example.org:443"]
)
def test_a_scheme_and_host_pass_the_startup_check(url):
    assert errors(check_shop_base_url, url) == []


@pytest.mark.parametrize(
    "url",
    [
        "shop.example.org",
        "ftp://shop.example.org",
        "javascript:alert(1)",
        "https://",
        "https://shop.example.org/shop/",
        "https://shop.example.org/?next=/",
        "https://user:pw@shop.example.org",
        "https://shop.example.org:8443",
        "https://shop.example.org:notaport",
    ],
)
def test_a_value_that_is_not_just_a_scheme_and_host_fails_the_startup_check(url):
    assert set(errors(check_shop_base_url, url)) == {"ptashka.E001"}


def test_the_deployment_check_refuses_plain_http():
    assert errors(check_shop_base_url_is_https, "http://shop.example.org") == ["ptashka.E002"]
    assert errors(check_shop_base_url_is_https, "https://shop.example.org") == []
