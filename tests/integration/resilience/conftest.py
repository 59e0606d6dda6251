"""A redis-server of the test's own, on a free port, that a test can kill and start again."""

import shutil
import signal
import subprocess
import time

import pytest
import redis

from tests.asgi_server import free_port

START_SECONDS = 20


class RedisServer:
    def __init__(self, log_dir):
        self.port = free_port()
        self.log_dir = log_dir
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        return redis.Redis(port=self.port, socket_connect_timeout=1, socket_timeout=1)

    def start(self):
        # No snapshot, no append-only file: a restarted server comes back empty, as after a crash.
        with open(self.log_dir / "redis.log", "ab") as log:
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--dir", str(self.log_dir)],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                if self.client().ping():
                    return
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not start:\n{(self.log_dir / 'redis.log').read_text()}")
                time.sleep(0.1)

    def kill(self):
        """SIGKILL, as the OOM killer or a lost machine would: no goodbye to connected clients."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.kill()


@pytest.fixture
def own_redis(tmp_path):
    """A running redis-server only this test talks to."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs the redis-server program (apt-get install redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
