"""The audit log's middleware records an address X-Forwarded-For cannot forge, and never breaks a save."""

import pytest
from django.test import RequestFactory

from ptashka.audit.middleware import AuditActorMiddleware


@pytest.fixture
def proxies(settings):
    def behind(count):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}

    return behind


def address_of(**headers):
    request = RequestFactory().get("/dashboard/", REMOTE_ADDR="10.0.0.5", headers=headers)
    return AuditActorMiddleware._get_remote_addr(request)


def test_with_no_proxy_in_front_a_forwarded_for_header_is_ignored(proxies):
    proxies(0)

    assert address_of(X_Forwarded_For="203.0.113.9") == "10.0.0.5"


def test_behind_one_proxy_the_address_it_wrote_is_recorded(proxies):
    proxies(1)

    assert address_of(X_Forwarded_For="198.51.100.1, 203.0.113.9") == "203.0.113.9"


def test_a_malformed_address_is_left_out_instead_of_failing_the_change(proxies):
    proxies(1)

    assert address_of(X_Forwarded_For="not-an-address:80") is None
