"""Service markers: a test marked postgres, redis or browser runs only where that service is.

Without the service the test is skipped with the reason; with REQUIRE_SERVICES=1 (what CI sets)
the same reason fails it, so a CI machine that lost a service cannot pass by skipping.
This module is a pytest plugin without Django imports, so its own tests can load it alone.
"""

import importlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REDIS_PING_TIMEOUT_SECONDS = 2
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "psql", "postgis"}

# One probe per service and session: a missing service is reported once, not per test.
_missing_services = pytest.StashKey[dict]()


def _redacted(url):
    """The URL without its password, fit for a skip reason in a CI log."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def postgres_missing():
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme in POSTGRES_SCHEMES:
        return None
    now = (
        "DATABASE_URL is unset, so the suite runs on SQLite"
        if not url
        else f"DATABASE_URL is {_redacted(url)}"
    )
    return f"needs PostgreSQL: set DATABASE_URL=postgres://user@127.0.0.1:5432/name ({now})"


def redis_missing():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return "needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0 (REDIS_URL is unset)"
    try:
        import redis

        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=REDIS_PING_TIMEOUT_SECONDS,
            socket_timeout=REDIS_PING_TIMEOUT_SECONDS,
        )
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:  # whatever stops the PING, the service is not there for the tests
        return f"needs Redis: {_redacted(url)} did not answer PING ({exc.__class__.__name__}: {exc})"
    return None


def browser_missing():
    if not CHROMIUM.exists():
        return f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        importlib.import_module("playwright.sync_api")
    except ImportError as exc:
        return f"needs the playwright package ({exc})"
    return None


SERVICE_PROBES = {"postgres": postgres_missing, "redis": redis_missing, "browser": browser_missing}


def services_are_required():
    return os.environ.get("REQUIRE_SERVICES", "").strip().lower() in {"1", "true", "yes"}


def missing_service(config, name):
    """Why the service named by a marker is unavailable, or None when it answers."""
    found = config.stash.setdefault(_missing_services, {})
    if name not in found:
        found[name] = SERVICE_PROBES[name]()
    return found[name]


def pytest_report_header(config):
    states = []
    for name in SERVICE_PROBES:
        reason = missing_service(config, name)
        states.append(f"{name}=yes" if reason is None else f"{name}=no")
    required = " (REQUIRE_SERVICES=1: a missing one fails its tests)" if services_are_required() else ""
    return f"services: {' '.join(states)}{required}"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    for name in SERVICE_PROBES:
        if item.get_closest_marker(name) is None:
            continue
        reason = missing_service(item.config, name)
        if reason is None:
            continue
        if services_are_required():
            pytest.fail(f"REQUIRE_SERVICES=1 but this {name} test {reason}", pytrace=False)
        pytest.skip(reason)
