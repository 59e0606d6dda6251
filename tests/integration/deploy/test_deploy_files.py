"""The deployment files parse and are accepted by the tools that run them."""

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"


def test_nginx_accepts_the_site_config(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    # given the site config with a throwaway certificate in place of the real one
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    site = (DEPLOY / "nginx.conf").read_text()
    site = site.replace("/etc/ssl/certs/ptashka.crt", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/ssl/private/ptashka.key", str(tmp_path / "key.pem"))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "main.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  include {tmp_path}/site.conf;\n}}\n"
    )
    # when nginx checks it
    result = subprocess.run(
        [nginx, "-t", "-c", str(tmp_path / "main.conf")], capture_output=True, text=True, timeout=30
    )
    # then it is accepted
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_gunicorn_config_loads_the_wsgi_application():
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        pytest.skip("gunicorn is in the prod extra; install it with pip install -e .[prod]")
    result = subprocess.run(
        [str(gunicorn), "--check-config", "--config", str(DEPLOY / "gunicorn.conf.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "ptashka.settings.test"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("unit", sorted((DEPLOY / "systemd").glob("*.service")), ids=lambda p: p.name)
def test_systemd_unit_names_its_command_and_environment(unit):
    parser = configparser.ConfigParser(strict=True, interpolation=None)
    parser.read(unit)
    service = parser["Service"]
    assert service["ExecStart"].startswith("/srv/ptashka/.venv/bin/")
    assert service["EnvironmentFile"] == "/etc/ptashka/env"
    assert parser["Install"]["WantedBy"] == "multi-user.target"
