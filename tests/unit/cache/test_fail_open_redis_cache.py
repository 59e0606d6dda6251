"""The Redis cache backend treats an unreachable Redis as a miss, asking it again only after a pause."""

import logging
import socket

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.test import RequestFactory, override_settings
from redis.exceptions import ConnectionError as RedisConnectionError

from ptashka import cache as cache_module
from ptashka.api.throttling import AttemptThrottle
from ptashka.rate_limits import FormScope


def nobody_listens_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"redis://127.0.0.1:{probe.getsockname()[1]}/0"


@pytest.fixture
def unreachable_cache():
    """The project's cache backend pointed at a port where nothing listens."""
    settings = {
        "default": {
            "BACKEND": "ptashka.cache.FailOpenRedisCache",
            "LOCATION": nobody_listens_url(),
            "KEY_PREFIX": "ptashka",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
            "OUTAGE_RETRY_SECONDS": 5,
        }
    }
    with override_settings(CACHES=settings):
        yield caches["default"]


@pytest.fixture
def connection_attempts(unreachable_cache, monkeypatch):
    attempts = []
    get_client = unreachable_cache._cache.get_client

    def counting_get_client(*args, **kwargs):
        attempts.append(args)
        return get_client(*args, **kwargs)

    monkeypatch.setattr(unreachable_cache._cache, "get_client", counting_get_client)
    return attempts


def test_reads_miss_and_writes_are_dropped_while_redis_is_unreachable(unreachable_cache, caplog):
    cache = unreachable_cache

    with caplog.at_level(logging.WARNING, logger="ptashka.cache"):
        cache.set("price", "12.00")
        results = {
            "get": cache.get("price", "default"),
            "get_many": cache.get_many(["price"]),
            "add": cache.add("price", "13.00"),
            "has_key": cache.has_key("price"),
            "delete": cache.delete("price"),
            "get_or_set": cache.get_or_set("price", "computed"),
            "set_many": cache.set_many({"a": 1, "b": 2}),
        }
        with pytest.raises(ValueError):  # what a missing key gives; counters start again from it
            cache.incr("counter")

    assert results == {
        "get": "default",
        "get_many": {},
        "add": False,
        "has_key": False,
        "delete": False,
        "get_or_set": "computed",
        "set_many": ["a", "b"],
    }
    warnings = [record for record in caplog.records if record.name == "ptashka.cache"]
    assert len(warnings) == 1  # one per outage window, not one per call
    assert "unreachable" in warnings[0].getMessage()


def test_an_unreachable_redis_is_asked_again_only_after_the_retry_pause(
    unreachable_cache, connection_attempts, monkeypatch
):
    now = [1000.0]
    monkeypatch.setattr(cache_module.time, "monotonic", lambda: now[0])

    for _ in range(20):
        unreachable_cache.get("home-page")
    assert len(connection_attempts) == 1

    now[0] += 5.1
    unreachable_cache.get("home-page")
    assert len(connection_attempts) == 2


def test_ping_raises_for_the_readiness_probe_what_the_cache_calls_hide(unreachable_cache):
    with pytest.raises(RedisConnectionError):
        unreachable_cache.ping()


def test_rate_limits_let_requests_through_when_their_counters_are_unreachable(unreachable_cache, caplog):
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="203.0.113.7")
    request.user = AnonymousUser()
    throttle = AttemptThrottle()
    assert throttle.cache.get("any") is None  # DRF's throttles count in the default cache: this one

    with caplog.at_level(logging.WARNING, logger="ptashka.cache"):
        allowed = [throttle.allow_request(request, FormScope("login")) for _ in range(50)]

    assert all(allowed)
    assert any("unreachable" in record.getMessage() for record in caplog.records)


def test_one_redis_client_serves_every_call_of_a_cache(unreachable_cache):
    """Django makes a redis-py client per call, each building its table of response callbacks."""
    client = unreachable_cache._cache
    assert client.get_client() is client.get_client(write=True)
    assert client.get_client().connection_pool is client._get_connection_pool(write=False)
