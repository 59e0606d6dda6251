"""Rate limits on the API's writes, per scope, counted in Django's cache."""

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle


class AttemptThrottle(ScopedRateThrottle):
    """Counts attempts to change something (POST, PUT, PATCH, DELETE) in the view's `throttle_scope`.

    Reads never count: a shopper looking at the basket is no attack. The rate is looked up on
    every request, not when the class is imported, so changed settings apply at once.
    """

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class Throttled:
    """Mixin for views: their writes are limited by the rate of `throttle_scope`."""

    throttle_classes = [AttemptThrottle]
    throttle_scope: str
