"""Real components for the Celery tests: a local SMTP server and `celery worker` processes.

The worker is a separate process on the test's own PostgreSQL database and Redis, so the tests
use committed data (transactional_db) and watch outcomes through the SMTP server and the outbox.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from ptashka.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[3]
QUEUES = ("celery", "emails", "exports", "payments")
WORKER_START_SECONDS = 90


def wait_until(condition, seconds, what):
    """Poll ``condition`` until true; fail naming ``what`` after ``seconds``. Never asserts on time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"gave up after {seconds}s waiting for {what}")


class ScriptedSMTPHandler:
    """Answers each delivery attempt from a script ("stall", "451", "550"), then accepts.

    ``received`` holds only the messages the server accepted: what a mailbox would get.
    """

    def __init__(self):
        self.script = []
        self.attempts = 0
        self.received = []
        self.stalled = threading.Event()
        self.released = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        step = self.script.pop(0) if self.script else "accept"
        if step == "stall":
            # Holds the sender mid-delivery until the test kills it; the message is never accepted.
            self.stalled.set()
            while not self.released.is_set():
                await asyncio.sleep(0.1)
            return "421 closing"
        if step == "451":
            return "451 4.3.0 mailbox temporarily unavailable"
        if step == "550":
            return "550 5.1.1 no such user"
        self.received.append(envelope)
        return "250 OK"


@pytest.fixture(name="wait_until")
def wait_until_fixture():
    return wait_until


@pytest.fixture
def smtp_server():
    handler = ScriptedSMTPHandler()
    with socket.socket() as probe:  # aiosmtpd needs a real port number up front
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, controller.port
    finally:
        handler.released.set()
        controller.stop()


def worker_database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    def __init__(self, process, log_path, name):
        self.process = process
        self.log_path = log_path
        self.name = name

    def log(self):
        return self.log_path.read_text(errors="replace")

    def pool_children(self):
        """PIDs of the prefork pool's child processes (they run the tasks)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def kill_hard(self):
        """SIGKILL the whole worker, as the kernel's OOM killer or a lost machine would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process.poll() is not None:
            return
        # SIGTERM to the main process only: its warm shutdown stops the pool children itself.
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)


@pytest.fixture
def start_worker(transactional_db, shared_cache_keys, smtp_server, tmp_path):
    """Starts `celery worker` processes on the test database; every one is killed at the end.

    Tests using it carry the postgres and redis markers (tests/conftest.py skips or fails them).
    """
    _handler, smtp_port = smtp_server
    broker = redis.Redis.from_url(settings.REDIS_URL)
    # Leftovers of an earlier, interrupted run must not be delivered to this test's worker.
    broker.delete(*QUEUES, "unacked", "unacked_index")
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    workers = []

    def start(pool="solo"):
        name = f"test-{uuid.uuid4().hex[:8]}@localhost"
        log_path = tmp_path / f"{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "ptashka.settings.dev",
            "DEBUG": "False",
            "DATABASE_URL": worker_database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "CELERY_VISIBILITY_TIMEOUT": "3",
            "CELERY_UNACKED_RESTORE_INTERVAL": "1",
            "CELERY_RETRY_BACKOFF_SECONDS": "1",
            "SENTRY_DSN": "",
        }
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "ptashka",
                    "worker",
                    f"--pool={pool}",
                    "--concurrency=1",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-n",
                    name,
                    "-Q",
                    ",".join(QUEUES),
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        worker = WorkerProcess(process, log_path, name)
        workers.append(worker)
        wait_until(
            lambda: " ready." in worker.log() or process.poll() is not None,
            WORKER_START_SECONDS,
            "the worker to start",
        )
        if process.poll() is not None:
            pytest.fail(f"the worker exited at start:\n{worker.log()}")
        return worker

    try:
        yield start
    finally:
        for worker in workers:
            worker.stop()
        celery_app.conf.task_always_eager = was_eager
        broker.delete(*QUEUES, "unacked", "unacked_index")
