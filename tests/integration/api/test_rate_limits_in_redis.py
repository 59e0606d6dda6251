"""With REDIS_URL the rate-limit counters live in Redis, shared by every web process."""

import pytest
import redis
from django.conf import settings as django_settings
from rest_framework.test import APIClient

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def two_attempts_per_hour(settings):
    rest = django_settings.REST_FRAMEWORK
    settings.REST_FRAMEWORK = {
        **rest,
        "DEFAULT_THROTTLE_RATES": {**rest["DEFAULT_THROTTLE_RATES"], "login": "2/hour"},
    }


def test_login_attempts_are_counted_in_redis(two_attempts_per_hour):
    # Two clients stand in for two web processes: the count is the server's, not a client's.
    for client in (APIClient(), APIClient()):
        response = client.post("/api/auth/token/", {"username": "nobody", "password": "guess"}, format="json")
        assert response.status_code == 401

    refused = APIClient().post("/api/auth/token/", {"username": "nobody", "password": "guess"}, format="json")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    server = redis.Redis.from_url(django_settings.REDIS_URL)
    keys = [key.decode() for key in server.scan_iter("*throttle_login_*")]
    assert keys, "the throttle counter is not in Redis"
    assert server.ttl(keys[0]) > 0
