"""localstripe, the stateful fake Stripe server, run as a subprocess on a free local port."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

START_TIMEOUT_SECONDS = 30


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def localstripe_command(port):
    script = Path(sys.executable).with_name("localstripe")
    if script.exists():
        return [str(script), "--port", str(port)]
    return [sys.executable, "-m", "localstripe", "--port", str(port)]


def localstripe_missing():
    try:
        import localstripe  # noqa: F401
    except ImportError as exc:
        return f"needs localstripe (pip install -e '.[test]'): {exc}"
    return None


def skip_or_fail(reason):
    if os.environ.get("REQUIRE_SERVICES", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"REQUIRE_SERVICES=1 but this localstripe test {reason}", pytrace=False)
    pytest.skip(reason)


# One localstripe per test run (this module is a plugin of tests/conftest.py).
_running = {}


def start_localstripe(config):
    """Start localstripe once for this run; it is stopped when pytest finishes, whatever happened."""
    if "url" in _running:
        return _running["url"]
    reason = localstripe_missing()
    if reason:
        skip_or_fail(reason)
    # A port found free can be taken again before localstripe binds it: try a few ports.
    failures = []
    for _attempt in range(3):
        port = free_port()
        log = tempfile.TemporaryFile()
        process = subprocess.Popen(
            localstripe_command(port),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        if _answers(url, process):
            config.add_cleanup(lambda process=process: stop(process))
            break
        stop(process)
        log.seek(0)
        failures.append(f"port {port}: {log.read()[-500:].decode(errors='replace')}")
    else:
        skip_or_fail("could not start localstripe: " + " | ".join(failures))
    _running["url"] = url
    return url


def _answers(url, process):
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while process.poll() is None and time.monotonic() < deadline:
        try:
            requests.get(f"{url}/js.stripe.com/v3/", timeout=1)
            return True
        except requests.ConnectionError:
            time.sleep(0.2)
    return False


def stop(process):
    _running.clear()
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def localstripe_url(request):
    """The base URL of the localstripe started for this run."""
    return start_localstripe(request.config)


@pytest.fixture
def stripe_settings(settings, localstripe_url):
    """Checkout through Stripe on localstripe: the one extra setting (STRIPE_API_BASE) plus test keys,
    and, as in a shop that sells, no test-only Dummy gateway beside it."""
    settings.PAYMENTS_DUMMY_GATEWAY = False
    settings.STRIPE_SECRET_KEY = "sk_test_ptashka"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ptashka"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_ptashka_tests"
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_JS_URL = f"{localstripe_url}/js.stripe.com/v3/"
    settings.PAYMENTS_PROVIDER_RETRIES = 0
    return settings


def card_token(localstripe_url, number="4242424242424242"):
    """What Stripe.js does in the shopper's browser: send the card to Stripe, get a token back."""
    response = requests.post(
        f"{localstripe_url}/v1/tokens",
        data={
            "card[number]": number,
            "card[exp_month]": "12",
            "card[exp_year]": "2034",
            "card[cvc]": "123",
            "key": "pk_test_ptashka",
        },
        timeout=5,
    )
    response.raise_for_status()
    return response.json()["id"]


@pytest.fixture(autouse=True)
def _localstripe_marker(request):
    """A test marked localstripe gets the server, or is skipped (fails with REQUIRE_SERVICES=1)."""
    if request.node.get_closest_marker("localstripe") is not None:
        request.getfixturevalue("localstripe_url")
