"""/readyz tells the load balancer which dependency is down; /healthz only that the process is up."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def server_with_unreachable_database(tmp_path):
    """A real server process whose database is a PostgreSQL address nobody listens on."""
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}",
        "DJANGO_SETTINGS_MODULE": "ptashka.settings.test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere",
    }
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        # gunicorn, like production: runserver would refuse to start without its database
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "ptashka.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"server exited: {(tmp_path / 'server.log').read_text()}")
                time.sleep(0.3)
        else:
            pytest.fail("server did not start within 60 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_readyz_answers_503_naming_the_database_when_it_is_unreachable(server_with_unreachable_database):
    status, body = fetch(f"{server_with_unreachable_database}/readyz")

    assert status == 503
    assert body["status"] == "unavailable"
    assert body["failed"] == ["database"]
    assert body["checks"]["cache"] == "ok"


def test_healthz_still_answers_when_the_database_is_down(server_with_unreachable_database):
    status, body = fetch(f"{server_with_unreachable_database}/healthz")

    assert status == 200
    assert body == {"status": "ok"}


@pytest.mark.postgres
@pytest.mark.django_db
def test_on_postgresql_readyz_reports_the_database_ready(client):
    response = client.get("/readyz")

    assert connection.vendor == "postgresql"
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.redis
@pytest.mark.django_db
def test_with_redis_the_cache_round_trips_and_readyz_checks_the_broker(client):
    from django.core.cache import cache

    cache.set("readiness-test", "kept in redis", timeout=30)

    response = client.get("/readyz")

    assert settings.CACHES["default"]["BACKEND"] == "ptashka.cache.FailOpenRedisCache"
    assert cache.get("readiness-test") == "kept in redis"
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"
