"""deploy/nginx.conf in front of the real uvicorn: WebSockets upgrade through /ws/, and the JWT stays
out of nginx's access log (it travels in Sec-WebSocket-Protocol, not in the URL)."""

import json
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest
from oscar.core.loading import get_class
from oscar.test.factories import UserFactory, create_order
from rest_framework_simplejwt.tokens import AccessToken
from websockets.sync.client import connect

from ptashka.realtime.access import JWT_SUBPROTOCOL
from tests.asgi_server import free_port

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
PUSH_SECONDS = 1  # functional: "within a second"


@pytest.fixture
def nginx(asgi_server, tmp_path):
    """deploy/nginx.conf as shipped, with a throwaway certificate and loopback ports, proxying to uvicorn."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    https_port, http_port = free_port(), free_port()
    site = (DEPLOY / "nginx.conf").read_text()
    replacements = {
        "/etc/ssl/certs/ptashka.crt": str(tmp_path / "cert.pem"),
        "/etc/ssl/private/ptashka.key": str(tmp_path / "key.pem"),
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{asgi_server.port};",
        "server 127.0.0.1:8001;": f"server 127.0.0.1:{asgi_server.port};",
        "listen 443 ": f"listen 127.0.0.1:{https_port} ",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
    }
    for placeholder, value in replacements.items():
        assert placeholder in site, placeholder
        site = site.replace(placeholder, value)
    (tmp_path / "site.conf").write_text(site)
    temp_paths = "".join(
        f"  {kind}_temp_path {tmp_path}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "main.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\ndaemon off;\nevents {{}}\n"
        f"http {{\n  access_log {tmp_path}/access.log;\n{temp_paths}  include {tmp_path}/site.conf;\n}}\n"
    )
    process = subprocess.Popen([binary, "-c", str(tmp_path / "main.conf")], start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail((tmp_path / "error.log").read_text(errors="replace"))
                time.sleep(0.1)
        yield https_port, tmp_path / "access.log"
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_owner_socket_through_nginx_gets_the_change_and_the_token_is_not_logged(nginx, transactional_db):
    https_port, access_log = nginx
    shopper = UserFactory()
    order = create_order(user=shopper, status="Pending")
    token = str(AccessToken.for_user(shopper))
    tls = ssl.create_default_context()
    tls.check_hostname = False
    tls.verify_mode = ssl.CERT_NONE  # the throwaway certificate of the fixture

    with connect(
        f"wss://127.0.0.1:{https_port}/ws/orders/{order.number}/",
        ssl=tls,
        origin="https://127.0.0.1",
        subprotocols=[JWT_SUBPROTOCOL, token],
        open_timeout=10,
    ) as ws:
        assert json.loads(ws.recv(timeout=10))["type"] == "order.snapshot"
        get_class("order.processing", "EventHandler")().handle_order_status_change(order, "Paid")
        message = json.loads(ws.recv(timeout=PUSH_SECONDS))

    assert message["order"]["status"] == "Paid"
    log = access_log.read_text()
    assert f"/ws/orders/{order.number}/" in log
    assert token not in log
