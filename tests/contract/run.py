"""The API contract run: the demo shop on a fresh database, served by gunicorn, fuzzed by schemathesis.

    .venv/bin/python tests/contract/run.py        (or `make contract`)

Creates (dropping it first) the PostgreSQL database named like DATABASE_URL's with `_contract`
appended, migrates it, loads the demo shop, serves the API with production settings (DEBUG off)
on a free loopback port, signs in a shopper and a staff user for JWTs, and runs schemathesis on
/api/schema/ with tests/contract/schemathesis.toml. Exits with schemathesis's status.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ptashka"

# The run creates these accounts itself, with passwords made up for the run. The staff user gets a
# large id so that the small ids the fuzzer tries first on /api/admin/users/{id}/ (which may
# delete or deactivate a user) do not sign it out half-way.
USERS_SCRIPT = """
from django.contrib.auth import get_user_model
User = get_user_model()
User.objects.create_user("contract-shopper", "contract-shopper@ptashka.localhost", {shopper!r})
User.objects.create_superuser(
    "contract-staff", "contract-staff@ptashka.localhost", {staff!r}, id=987654321
)
"""

# Generated traffic would otherwise be answered 429 after a few writes.
UNLIMITED = "1000000/minute"
RATE_LIMIT_SCOPES = ("LOGIN", "TOKEN", "PASSWORD_RESET", "BASKET", "VOUCHER", "CHECKOUT")


def log(message):
    print(f"\n==> {message}", flush=True)


def contract_database_url(base_url):
    """The base URL with `_contract` appended to the database name: never the suite's own database."""
    parts = urllib.parse.urlsplit(base_url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit(f"The contract run needs PostgreSQL: DATABASE_URL is {parts.scheme}://…")
    name = parts.path.lstrip("/") or "ptashka"
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}_contract"))


def recreate_database(url):
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        dbname="postgres",
        user=urllib.parse.unquote(parts.username or "postgres"),
        password=urllib.parse.unquote(parts.password or "") or None,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        connect_timeout=10,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url, workdir, port):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("API_RATE_LIMIT_", "DJANGO_", "STRIPE_", "PAYPAL_", "SENTRY_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="ptashka.settings.prod",
        DJANGO_READ_DOT_ENV_FILE="False",
        DEBUG="False",
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SHOP_BASE_URL=f"http://127.0.0.1:{port}",
        # Plain HTTP on loopback: no TLS in front of the app here.
        SECURE_SSL_REDIRECT="False",
        # The run checks out without provider keys: prod offers the test-only gateway only when told to.
        PAYMENTS_DUMMY_GATEWAY="true",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        ANALYTICS_EXPORT_ROOT=str(workdir / "exports"),
        EMAIL_URL="consolemail://",
        # Tokens outlive the run, so no request fails for an expired token.
        JWT_ACCESS_TOKEN_MINUTES="240",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=os.environ.get("CONTRACT_GUNICORN_WORKERS", "2"),
        GUNICORN_THREADS="2",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update({f"API_RATE_LIMIT_{scope}": UNLIMITED for scope in RATE_LIMIT_SCOPES})
    return env


def manage(env, *args):
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_until_up(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode} before serving")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    sys.exit(f"{url} did not answer within {seconds}s")


def access_token(base_url, username, password):
    request = urllib.request.Request(
        f"{base_url}/api/auth/token/",
        data=json.dumps({"username": username, "password": password}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["access"]


def stop(server):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report-dir", default=str(ROOT / "var" / "contract"), help="where junit.xml goes")
    parser.add_argument("schemathesis_args", nargs="*", help="more `schemathesis run` options, after --")
    args = parser.parse_args(argv)

    junit = Path(args.report_dir).resolve() / "junit.xml"
    junit.parent.mkdir(parents=True, exist_ok=True)
    junit.unlink(missing_ok=True)
    database_url = contract_database_url(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    workdir = Path(tempfile.mkdtemp(prefix="ptashka-contract-"))
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = server_environment(database_url, workdir, port)
    passwords = {"shopper": secrets.token_urlsafe(16), "staff": secrets.token_urlsafe(16)}

    started = time.monotonic()
    try:
        prepare(database_url, env, passwords)
        returncode = serve_and_fuzz(base_url, env, passwords, junit, args.schemathesis_args, started)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    log(f"contract run finished in {time.monotonic() - started:.0f}s: schemathesis exit {returncode}")
    if junit.exists():
        passed, failed = tally_operations(junit)
        # One line per run, in the form CI reads as a test count.
        print(f"contract: {passed} passed, {failed} failed", flush=True)
    return returncode


def prepare(database_url, env, passwords):
    log(f"fresh database {urllib.parse.urlsplit(database_url).path.lstrip('/')}")
    recreate_database(database_url)
    log("migrate, load the demo shop, collect static files")
    # collectstatic needs no database: it runs beside the migrations instead of after them.
    collecting = subprocess.Popen(
        [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env
    )
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo", "--no-images")
        manage(env, "shell", "-c", USERS_SCRIPT.format(**passwords))
    except BaseException:
        collecting.kill()
        collecting.wait()
        raise
    if collecting.wait() != 0:
        sys.exit(f"collectstatic exited with {collecting.returncode}")


def serve_and_fuzz(base_url, env, passwords, junit, schemathesis_args, started):
    log(f"gunicorn on {base_url}")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=env, start_new_session=True
    )
    try:
        wait_until_up(f"{base_url}/readyz", server)
        fuzz_env = {
            **os.environ,
            "CONTRACT_SHOPPER_TOKEN": access_token(
                base_url, "contract-shopper@ptashka.localhost", passwords["shopper"]
            ),
            "CONTRACT_STAFF_TOKEN": access_token(
                base_url, "contract-staff@ptashka.localhost", passwords["staff"]
            ),
        }
        log(f"schemathesis on {base_url}/api/schema/ (set up in {time.monotonic() - started:.0f}s)")
        command = [
            str(BIN / "schemathesis"),
            "--config-file",
            str(HERE / "schemathesis.toml"),
            "run",
            f"{base_url}/api/schema/",
            "--report",
            "junit",
            "--report-junit-path",
            str(junit),
            *schemathesis_args,
        ]
        # Run from the report folder, where schemathesis and Hypothesis leave their caches.
        return subprocess.run(command, cwd=junit.parent, env=fuzz_env).returncode
    finally:
        log("stopping gunicorn")
        stop(server)


def tally_operations(junit):
    """Operations that passed every check, and those that failed one, from schemathesis's JUnit report."""
    cases = ElementTree.parse(junit).getroot().iter("testcase")
    outcomes = [case.find("failure") is None and case.find("error") is None for case in cases]
    return outcomes.count(True), outcomes.count(False)


if __name__ == "__main__":
    sys.exit(main())
