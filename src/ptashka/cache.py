"""Django's Redis cache backend, answering as a cache miss while Redis is unreachable."""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What a down, restarting or partitioned Redis raises; anything else is a bug and still raises.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# Keys written while Redis was away that are deleted from it when it answers again; past this
# many, the rest may serve a stale value until their own timeout.
MAX_UNSYNCED_KEYS = 10_000


class Outage:
    """Whether one Redis is treated as away, shared by every thread of the process.

    After a failed call nothing is sent to Redis for ``retry_seconds``, so a down Redis costs one
    socket timeout per window instead of one per cache call. Keys whose writes did not reach Redis
    are remembered: a Redis that comes back with its old data (a partition, not a restart) must not
    serve a session that was signed out, or a price that changed, while it was away.
    """

    def __init__(self, name, retry_seconds):
        self.name = name
        self.retry_seconds = retry_seconds
        self.unsynced_keys = set()
        self._lock = threading.Lock()
        self._began = None
        self._retry_at = 0.0

    @property
    def is_on(self):
        return self._began is not None

    def waiting(self):
        """True until the next attempt to reach Redis is due."""
        return self.is_on and time.monotonic() < self._retry_at

    def begin_or_extend(self, operation, exc):
        with self._lock:
            now = time.monotonic()
            first = self._began is None
            if first:
                self._began = now
            self._retry_at = now + self.retry_seconds
        logger.warning(
            "Redis cache %s is unreachable (%s failed: %s: %s); serving without it, next try in %ss%s",
            self.name,
            operation,
            exc.__class__.__name__,
            exc,
            self.retry_seconds,
            "" if first else " (still down)",
        )

    def remember_unsynced(self, keys):
        with self._lock:
            room = MAX_UNSYNCED_KEYS - len(self.unsynced_keys)
            self.unsynced_keys.update(list(keys)[: max(room, 0)])

    def take_unsynced(self):
        with self._lock:
            keys, self.unsynced_keys = self.unsynced_keys, set()
        return keys

    def end(self):
        with self._lock:
            if self._began is None:
                return
            seconds, self._began = time.monotonic() - self._began, None
        logger.warning("Redis cache %s answers again after %.1f s", self.name, seconds)


def glob_escape(text):
    """A key prefix as a literal in a Redis SCAN pattern."""
    return "".join(f"\\{char}" if char in "*?[]\\" else char for char in text)


_outages = {}
_outages_lock = threading.Lock()


def without_credentials(url):
    """redis://host:port/db of a Redis URL, fit for a log line."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}"


def outage_of(servers, retry_seconds):
    """The one Outage of these servers in this process (Django builds a cache object per thread)."""
    with _outages_lock:
        if tuple(servers) not in _outages:
            name = ",".join(without_credentials(server) for server in servers)
            _outages[tuple(servers)] = Outage(name, retry_seconds)
        return _outages[tuple(servers)]


class KeptClientRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one redis-py client per connection pool.

    Django's makes a new ``redis.Redis`` for every cache call, and each one builds redis-py's table
    of about 170 response callbacks: a tenth of a millisecond, more than a page-cache hit spends
    on anything else but the network. The client holds no state of its own beyond the pool, so
    one per pool serves every call (Django keeps a cache object, and so this client, per thread).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache, but while Redis is unreachable: reads miss, writes are dropped.

    Pages, baskets and sign-in then run from the database (sessions use cached_db), slower but up.
    ``OUTAGE_RETRY_SECONDS`` (default 5) sets how long a failure keeps Redis out of use.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
        self.outage = outage_of(self._servers, params.get("OUTAGE_RETRY_SECONDS", 5))

    def _guarded(self, operation, fallback, written_keys, method, *args):
        if self.outage.waiting():
            self.outage.remember_unsynced(written_keys)
            return fallback
        try:
            if self.outage.is_on:
                self._forget_unsynced()
            result = method(*args)
        except UNREACHABLE as exc:
            self.outage.begin_or_extend(operation, exc)
            self.outage.remember_unsynced(written_keys)
            return fallback
        self.outage.end()
        return result

    def _forget_unsynced(self):
        """Drop what Redis held for keys written while it was away; it is older than the database."""
        keys = self.outage.take_unsynced()
        try:
            if keys:
                self._cache.delete_many(list(keys))
        except UNREACHABLE:
            self.outage.remember_unsynced(keys)
            raise

    def _keys(self, *keys, version=None):
        return [self.make_and_validate_key(key, version=version) for key in keys]

    def ping(self):
        """Ask Redis for PONG, raising what Redis raised: how /readyz sees the outage this hides."""
        try:
            self._cache.get_client(write=True).ping()
            if self.outage.is_on:
                self._forget_unsynced()
        except UNREACHABLE as exc:
            self.outage.begin_or_extend("ping", exc)
            raise
        self.outage.end()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        written = self._keys(key, version=version)
        return self._guarded("add", False, written, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guarded("get", default, (), super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        written = self._keys(key, version=version)
        return self._guarded("set", None, written, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", False, (), super().touch, key, timeout, version)

    def delete(self, key, version=None):
        written = self._keys(key, version=version)
        return self._guarded("delete", False, written, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", {}, (), super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded("has_key", False, (), super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        unreachable = object()
        written = self._keys(key, version=version)
        result = self._guarded("incr", unreachable, written, super().incr, key, delta, version)
        if result is unreachable:
            # What Django's backends say of a missing key; callers (counters) already handle it.
            raise ValueError(f"Key '{key}' not found.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        written = self._keys(*data, version=version)
        # Django's contract: set_many returns the keys that could not be stored.
        return self._guarded("set_many", list(data), written, super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        written = self._keys(*keys, version=version)
        return self._guarded("delete_many", None, written, super().delete_many, keys, version)

    def clear(self):
        """Delete this cache's own keys, not the database's.

        Django's RedisCache.clear() is FLUSHDB, and the Celery broker and the channel layer may
        share the database (one REDIS_URL): clearing the cache must not drop queued tasks.
        """
        return self._guarded("clear", False, (), self._delete_own_keys)

    def _delete_own_keys(self):
        client = self._cache.get_client(write=True)
        pattern = f"{glob_escape(self.key_prefix)}:*"
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        return True
