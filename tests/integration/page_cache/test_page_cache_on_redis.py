"""The page cache on the real Redis: hits come from it, and a Redis that goes away leaves pages serving."""

import pytest
from django.core.cache import caches
from django.test import override_settings

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


def test_a_page_stored_in_redis_is_the_next_visitors_hit(home_page, anonymous_get, settings):
    assert settings.CACHES["default"]["BACKEND"] == "ptashka.cache.FailOpenRedisCache"
    assert anonymous_get("/")["X-Cache"] == "miss"

    assert anonymous_get("/")["X-Cache"] == "hit"


def test_pages_still_serve_from_the_database_while_redis_is_down(home_page, anonymous_get, settings):
    anonymous_get("/")
    unreachable = {
        **settings.CACHES["default"],
        "LOCATION": "redis://127.0.0.1:1/6",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }

    with override_settings(CACHES={**settings.CACHES, "default": unreachable}):
        page = anonymous_get("/")
        again = anonymous_get("/")
        caches["default"].close()

    assert page.status_code == again.status_code == 200
    assert page["X-Cache"] == again["X-Cache"] == "miss"
    assert b"Little birds" in again.content
