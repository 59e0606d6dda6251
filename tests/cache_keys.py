"""Each test's cache keys under a prefix of its own, deleted after it: no test empties a shared Redis.

The cache, the Celery broker and the channel layer share one Redis database (REDIS_URL).
``cache.clear()`` is FLUSHDB there: it would drop queued tasks and channel messages with the
cache. Rate-limit counters, sessions and the Dummy gateway's "provider side" live in the cache,
so each test starts with none of them and leaves none behind, and only keys it made are deleted.
"""

import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings


def forget_keys(backend):
    """Delete the keys of one cache key space: the prefix's own keys in Redis, the whole of any
    other backend (local memory, files, the database: nothing else lives there)."""
    if not isinstance(backend, RedisCache):
        backend.clear()
        return
    client = backend._cache.get_client(write=True)
    stale = list(client.scan_iter(match=f"{backend.key_prefix}:*", count=1000))
    if stale:
        client.delete(*stale)


@contextmanager
def own_cache_key_space():
    """Every cache alias gets a key prefix no other test uses; its keys are deleted on the way out."""
    token = uuid.uuid4().hex[:12]
    spaces = {
        alias: {**config, "KEY_PREFIX": f"test-{token}-{alias}"} for alias, config in settings.CACHES.items()
    }
    with override_settings(CACHES=spaces):
        # Built now, from this key space: the test may point the cache elsewhere in the meantime.
        backends = [caches.create_connection(alias) for alias in spaces]
        try:
            yield
        finally:
            for backend in backends:
                forget_keys(backend)
                backend.close()


@pytest.fixture
def shared_cache_keys():
    """Asked for by tests whose other processes (a Celery worker) write the cache under the shop's
    own key prefix: such a test reads it there too, and deletes none of it."""


@pytest.fixture(autouse=True)
def own_cache_keys(request):
    """Each test's own cache key space (see the module docstring)."""
    if "shared_cache_keys" in request.fixturenames:
        yield
        return
    with own_cache_key_space():
        yield
