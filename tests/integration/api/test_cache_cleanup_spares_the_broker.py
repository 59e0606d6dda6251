"""The cache cleanup every test gets (tests/cache_keys.py) deletes only that test's cache keys.

The cache, the Celery broker and the channel layer share REDIS_URL's database; the API tests once
emptied it with ``cache.clear()`` (FLUSHDB) around every test, dropping whatever was queued there.
"""

import uuid

import pytest
import redis
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache

from ptashka.celery import app as celery_app
from tests.cache_keys import own_cache_key_space

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def broker_queue():
    """A queue of this test's own on the real broker, removed afterwards."""
    name = f"test-survives-cleanup-{uuid.uuid4().hex[:8]}"
    # The broker's Redis database is the cache's: that is what the cleanup must spare.
    assert celery_app.conf.broker_url == settings.REDIS_URL
    server = redis.Redis.from_url(settings.REDIS_URL)
    yield name, server
    server.delete(name)


def test_a_task_queued_on_the_broker_survives_the_cleanup_of_a_tests_cache_keys(broker_queue):
    queue, server = broker_queue
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()

    with own_cache_key_space():
        # given a test that counted a login attempt in the cache, while a task and a push were queued
        cache.set("throttle_login_127.0.0.1", [1.0], 60)
        celery_app.send_task("ptashka.notifications.tasks.send_email", args=(1,), queue=queue)
        async_to_sync(layer.send)(channel, {"type": "order.status", "status": "Paid"})
        counted = cache.get("throttle_login_127.0.0.1")
        prefix = cache.key_prefix
    # when its cleanup has run (then): the test's own keys are gone, the queued task and push are not
    assert counted == [1.0]
    assert settings.CACHES["default"]["BACKEND"] == "ptashka.cache.FailOpenRedisCache"
    assert list(server.scan_iter(match=f"{prefix}:*")) == []
    assert server.llen(queue) == 1
    assert async_to_sync(layer.receive)(channel) == {"type": "order.status", "status": "Paid"}
