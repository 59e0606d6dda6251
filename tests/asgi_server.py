"""A real ASGI server for live-tracking tests: uvicorn serving ptashka.asgi on a free loopback port.

It runs in its own process on the test's PostgreSQL database and Redis, so what the test process
commits and publishes reaches it only the way production traffic does: through the database and
the Redis channel layer. Its fixtures reach every test (a plugin of tests/conftest.py); tests
using ``asgi_server`` carry the postgres and redis markers.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
SERVER_START_SECONDS = 90


class AsgiServer:
    def __init__(self, process, port, log_path):
        self.process = process
        self.port = port
        self.log_path = log_path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self):
        return f"ws://127.0.0.1:{self.port}"

    def log(self):
        return self.log_path.read_text(errors="replace")

    def answers(self):
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def running_asgi_server(log_dir, redis_url):
    """uvicorn on the test database with the test settings (same SECRET_KEY, so the sessions and
    tokens this process makes are good there); without ``redis_url`` its channel layer is in memory."""
    port = free_port()
    log_path = log_dir / "uvicorn.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ptashka.settings.test",
        "DATABASE_URL": server_database_url(),
        "REDIS_URL": redis_url,
        "SENTRY_DSN": "",
    }
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "ptashka.asgi:application", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "info", "--lifespan", "off"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    server = AsgiServer(process, port, log_path)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not server.answers():
            if process.poll() is not None:
                pytest.fail(f"uvicorn exited at start:\n{server.log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"uvicorn did not answer within {SERVER_START_SECONDS}s:\n{server.log()}")
            time.sleep(0.2)
        yield server
    finally:
        server.stop()


def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the ASGI server process needs the test's PostgreSQL database")


@pytest.fixture(scope="module")
def asgi_server(django_db_setup, tmp_path_factory):
    """uvicorn with the Redis channel layer, as in production. Tests carry the postgres and redis markers."""
    needs_postgres()
    if not settings.REDIS_URL:
        pytest.skip("needs Redis (REDIS_URL) for the channel layer between processes")
    with running_asgi_server(tmp_path_factory.mktemp("asgi"), settings.REDIS_URL) as server:
        yield server


@pytest.fixture(scope="module")
def asgi_server_in_memory(django_db_setup, tmp_path_factory):
    """uvicorn with the in-memory channel layer, as `make run` serves: one process for pages and sockets."""
    needs_postgres()
    with running_asgi_server(tmp_path_factory.mktemp("asgi-memory"), "") as server:
        yield server
