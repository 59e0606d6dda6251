"""Liveness (/healthz) and readiness (/readyz) probes for the load balancer and orchestrator."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ptashka.payments.checks import payment_setup_errors

logger = logging.getLogger("ptashka.health")

BROKER_TIMEOUT_SECONDS = 2


# ATOMIC_REQUESTS would open a database transaction before the probe runs; the probes decide
# for themselves what to touch.
@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request):
    """The process is up and serving; says nothing about its dependencies."""
    return JsonResponse({"status": "ok"})


def check_database():
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def check_cache():
    # ptashka.cache answers a down Redis as a miss, so the round trip alone would not say why.
    ping = getattr(cache, "ping", None)
    if ping is not None:
        ping()
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("value written to the cache could not be read back")
    cache.delete(key)


def check_broker():
    from ptashka.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)


class Misconfigured(Exception):
    """A dependency that answers but is set up so that it cannot serve; the message says how, safely."""


def check_payments():
    problems = payment_setup_errors()
    if problems:
        raise Misconfigured(" ".join(f"{problem.id}: {problem.msg}" for problem in problems))


def readiness_checks():
    checks = {"database": check_database, "cache": check_cache, "payments": check_payments}
    if settings.READYZ_CHECK_BROKER:
        checks["broker"] = check_broker
    return checks


@transaction.non_atomic_requests
@never_cache
@require_GET
def readyz(request):
    """Every dependency a request needs answers; otherwise 503 naming the ones that did not."""
    results, failed = {}, []
    for name, check in readiness_checks().items():
        try:
            check()
        except Exception as exc:  # any failure of a dependency means "not ready", whatever its type
            logger.warning("readiness check %s failed: %s", name, exc)
            # Only our own settings messages are shown: a driver's may carry hosts or credentials.
            reason = str(exc) if isinstance(exc, Misconfigured) else exc.__class__.__name__
            results[name] = f"error: {reason}"
            failed.append(name)
        else:
            results[name] = "ok"
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed, "checks": results}, status=503)
    return JsonResponse({"status": "ok", "checks": results})
