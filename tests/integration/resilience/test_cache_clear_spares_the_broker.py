"""Clearing the shop's Redis cache deletes its own keys only: the broker's queue and other keys stay."""

import os

import pytest
from django.core.cache import caches
from django.test import override_settings

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_cache():
    url = os.environ["REDIS_URL"]  # the redis mark skips (or, in CI, fails) the test without it
    settings = {
        "default": {"BACKEND": "ptashka.cache.FailOpenRedisCache", "LOCATION": url, "KEY_PREFIX": "clear[1]*"}
    }
    with override_settings(CACHES=settings):
        cache = caches["default"]
        client = cache._cache.get_client(write=True)
        yield cache, client
        client.delete("celery-test-queue", "clear1x:other")


def test_clear_deletes_the_caches_keys_and_leaves_a_queued_task(redis_cache):
    cache, client = redis_cache
    cache.set("price", "12.00")
    cache.set("stock", 3)
    client.lpush("celery-test-queue", "a task")  # what the broker keeps in the same database
    client.set("clear1x:other", "a key whose name only looks like the prefix")

    assert cache.clear() is True

    assert cache.get("price") is None and cache.get("stock") is None
    assert client.lrange("celery-test-queue", 0, -1) == [b"a task"]
    assert client.get("clear1x:other") == b"a key whose name only looks like the prefix"
