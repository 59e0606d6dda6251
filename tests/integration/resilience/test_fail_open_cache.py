"""A Redis that comes back with its old data after a partition serves nothing older than the database."""

import time

from django.core.cache import caches
from django.test import override_settings

RETRY_SECONDS = 0.2


def cache_on(redis_server):
    settings = {
        "default": {
            "BACKEND": "ptashka.cache.FailOpenRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "ptashka",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
            "OUTAGE_RETRY_SECONDS": RETRY_SECONDS,
        }
    }
    return override_settings(CACHES=settings)


def test_a_key_written_while_redis_hung_is_not_served_stale_when_it_answers_again(own_redis):
    with cache_on(own_redis):
        cache = caches["default"]
        cache.set("session:olena", "signed in")

        # when Redis hangs (SIGSTOP: connected, silent) while the shopper signs out
        own_redis.process.send_signal(19)  # SIGSTOP
        try:
            cache.delete("session:olena")  # times out: the old value is still in Redis
            assert cache.get("session:olena") is None  # a miss while it hangs
        finally:
            own_redis.process.send_signal(18)  # SIGCONT
        time.sleep(RETRY_SECONDS * 2)

        # then the value Redis kept from before is not handed out again
        assert cache.get("session:olena") is None
        assert own_redis.client().get(cache.make_key("session:olena")) is None
        cache.set("session:olena", "signed in again")
        assert cache.get("session:olena") == "signed in again"
