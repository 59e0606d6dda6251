"""django-auditlog's middleware, told the actor only when an entry is written and the address it can trust."""

import ipaddress

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.utils.functional import SimpleLazyObject


class AuditActorMiddleware(AuditlogMiddleware):
    @staticmethod
    def _get_actor(request):
        # Read when an entry is saved, not per request: no user query for requests that change nothing,
        # and an API call's user (DRF authenticates inside the view and sets request.user) is seen too.
        return SimpleLazyObject(lambda: getattr(request, "user", None))

    @staticmethod
    def _get_remote_addr(request):
        if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
            return None
        # X-Forwarded-For is believed only as far as our own proxies wrote it (as for the rate limits).
        proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
        forwarded = [
            hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()
        ]
        address = (
            forwarded[-min(proxies, len(forwarded))]
            if proxies and forwarded
            else request.META.get("REMOTE_ADDR")
        )
        try:
            return str(ipaddress.ip_address(address))
        except ValueError:
            return None  # a malformed header must not stop the change from being saved
