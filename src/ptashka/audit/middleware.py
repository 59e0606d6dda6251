"""django-auditlog's middleware, told the actor only when an entry is written and the address it can trust."""

import ipaddress

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.utils.functional import SimpleLazyObject

from ptashka.rate_limits import client_address


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
        try:
            return str(ipaddress.ip_address(client_address(request)))
        except ValueError:
            return None  # a malformed header must not stop the change from being saved
