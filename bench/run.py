"""`make bench`: Ptashka against stock django-oscar and a minimal Django view, same box, same run.

    .venv/bin/python bench/run.py [--products 10000] [--seconds 10]      (or `make bench`)

With DATABASE_URL's PostgreSQL server it (re)creates `<name>_bench` (Ptashka) and
`<name>_bench_stock` (the stock site), migrates them, loads the demo shop into Ptashka and the same
synthetic catalogue (bench/catalogue.py, same seed) into both, and serves three sites under the same
gunicorn settings (bench/gunicorn_bench.py): Ptashka with its prod settings and Redis
(BENCH_REDIS_URL, db 15 by default, the only Redis db it flushes) plus its ASGI server as deployed,
the stock site, and the ceiling. It signs in two shoppers on each site and fills their baskets
through the storefront, checks that every page to measure is a real page with products, then runs
wrk on each page, the sites alternating, counts each page's SQL queries, runs API checkout for
orders/s, reads the workers' memory, and writes bench/RESULTS.md and bench/var/results-<products>.json.
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg2
import redis
import requests
from psycopg2 import sql

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import report  # noqa: E402
from checkout_load import LoopbackSession  # noqa: E402
from pages_check import assert_real_page  # noqa: E402

VAR = HERE / "var"
LOGS = VAR / "logs"
BIN = Path(sys.executable).parent
STOCK_DIR = HERE / "stock_oscar"
STOCK_VENV = HERE / ".venv-stock"
CEILING_DIR = HERE / "ceiling"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ptashka"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
CATEGORIES = 50
SEED = 1
WRK_THREADS = 2
WRK_CONNECTIONS = 16
SEARCH_CONNECTIONS = 4
CHECKOUT_THREADS = 8
CHECKOUT_SECONDS = 20
# The deployed worker class and threads (deploy/gunicorn.conf.py: gthread, 2 threads) with the 2
# workers issue #12 fixes, for all three sites alike: we measure what production runs.
GUNICORN_WORKERS = "2"
# Each worker holds at most its share of wrk's connections (see bench/gunicorn_bench.py).
WORKER_CONNECTIONS = WRK_CONNECTIONS // int(GUNICORN_WORKERS)
GUNICORN_THREADS = "2"
UNLIMITED = "1000000/minute"
RATE_LIMIT_SCOPES = ("LOGIN", "TOKEN", "PASSWORD_RESET", "BASKET", "VOUCHER", "CHECKOUT", "REGISTER")

# (page, variant) in the order they are measured; each site measures those it has.
PLAN = (
    ("home", "anonymous"),
    ("campaign", "anonymous"),
    ("catalogue", "anonymous"),
    ("catalogue", "uncached"),
    ("category", "anonymous"),
    ("category", "uncached"),
    ("product_variants", "anonymous"),
    ("product_variants", "uncached"),
    ("product_standalone", "anonymous"),
    ("product_standalone", "uncached"),
    ("search", "anonymous"),
    ("basket_1", "shopper"),
    ("basket_10", "shopper"),
    ("api_products", "anonymous"),
)


class BenchAborted(Exception):
    """A step failed; the message says which and where its log is."""


def log(message):
    print(f"==> [{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- databases and Redis ---------------------------------------------------------------------------


def bench_database_url(base_url, suffix):
    parts = urllib.parse.urlsplit(base_url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise BenchAborted(f"The bench needs PostgreSQL: DATABASE_URL is {parts.scheme}://…")
    name = parts.path.lstrip("/") or "ptashka"
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}{suffix}"))


def connect(url, dbname=None):
    parts = urllib.parse.urlsplit(url)
    return psycopg2.connect(
        dbname=dbname or parts.path.lstrip("/"),
        user=urllib.parse.unquote(parts.username or "postgres"),
        password=urllib.parse.unquote(parts.password or "") or None,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        connect_timeout=10,
    )


def recreate_database(url):
    connection = connect(url, dbname="postgres")
    connection.autocommit = True
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def flush_bench_redis(url):
    """Empty the bench's own Redis database, and only that one (FLUSHDB, never FLUSHALL)."""
    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()


# --- processes -------------------------------------------------------------------------------------


def run_step(name, command, env, cwd=ROOT):
    """Run one preparation step with its output in bench/var/logs/<name>.log; abort when it fails."""
    log_path = LOGS / f"{name}.log"
    started = time.monotonic()
    with open(log_path, "w") as output:
        result = subprocess.run(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        tail = "\n".join(log_path.read_text().splitlines()[-25:])
        raise BenchAborted(f"{name} exited with {result.returncode} (log: {log_path}):\n{tail}")
    log(f"{name}: {time.monotonic() - started:.0f} s")
    return log_path


def probe(name, python, env, *args):
    """bench/site_probe.py in a site's environment; its JSON answer."""
    log_path = run_step(name, [str(python), str(HERE / "site_probe.py"), *args], env)
    # The answer is the last line: Django or Oscar may warn on stdout first.
    return json.loads(log_path.read_text().strip().splitlines()[-1])


def free_port():
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return probe_socket.getsockname()[1]


class Server:
    """A server process in its own process group, logging to bench/var/logs/<name>.log."""

    def __init__(self, name, command, env, cwd, port):
        self.name = name
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path = LOGS / f"{name}.log"
        self.output = open(self.log_path, "w")
        self.process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=self.output, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_until_up(self, path, seconds=90):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchAborted(
                    f"{self.name} exited with {self.process.returncode} (log: {self.log_path})"
                )
            try:
                if requests.get(self.base_url + path, timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise BenchAborted(f"{self.name} did not answer {path} within {seconds} s (log: {self.log_path})")

    def worker_memory(self):
        """RSS of each child of the master (gunicorn's workers), from /proc."""
        workers = []
        for pid in self._worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            rss_kb = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))
            workers.append({"pid": int(pid), "rss_mb": rss_kb / 1024})
        return workers

    def _worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return children.read_text().split() if children.exists() else []

    def _cpu_ticks(self):
        ticks = 0
        for pid in [str(self.process.pid), *self._worker_pids()]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks

    def wait_until_idle(self, seconds=90):
        """Wait for the requests wrk left queued to finish: a site answering slower than wrk's timeout
        keeps working after wrk stops, and would take the CPU from the next measurement."""
        deadline = time.monotonic() + seconds
        before = self._cpu_ticks()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = self._cpu_ticks()
            if now - before <= 2:  # 20 ms of CPU in half a second: the workers wait for work
                return
            before = now
        log(f"{self.name} still busy {seconds} s after wrk stopped; measuring on")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.output.close()


def gunicorn(name, venv_bin, app, cwd, env, port, pythonpath):
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": GUNICORN_WORKERS,
        "GUNICORN_THREADS": GUNICORN_THREADS,
        "BENCH_WORKER_CONNECTIONS": str(WORKER_CONNECTIONS),
        "BENCH_GUNICORN_PYTHONPATH": pythonpath,
    }
    command = [str(venv_bin / "gunicorn"), "-c", str(HERE / "gunicorn_bench.py"), app]
    return Server(name, command, env, cwd, port)


# --- the sites' environments -----------------------------------------------------------------------


def base_environment():
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("API_RATE_LIMIT_", "DJANGO_", "STRIPE_", "PAYPAL_", "SENTRY_", "GUNICORN_", "REDIS_URL")
        )
        and key not in ("DATABASE_URL", "VIRTUAL_ENV", "PYTHONPATH")
    }


def ptashka_environment(database_url, redis_url, port, workdir):
    env = base_environment()
    env.update(
        DJANGO_SETTINGS_MODULE="ptashka.settings.prod",
        DJANGO_READ_DOT_ENV_FILE="False",
        DEBUG="False",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SHOP_BASE_URL=f"http://127.0.0.1:{port}",
        # Plain HTTP on loopback: no TLS in front of the app here.
        SECURE_SSL_REDIRECT="False",
        # API checkout without provider keys: prod offers the test-only gateway only when told to.
        PAYMENTS_DUMMY_GATEWAY="true",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        ANALYTICS_EXPORT_ROOT=str(workdir / "exports"),
        EMAIL_URL="consolemail://",
        LOG_LEVEL="WARNING",
        PYTHONPATH=f"{ROOT / 'src'}:{ROOT}",
        PYTHONUNBUFFERED="1",
    )
    # One client (this box) places hundreds of orders and sign-ins a minute.
    env.update({f"API_RATE_LIMIT_{scope}": UNLIMITED for scope in RATE_LIMIT_SCOPES})
    return env


def stock_environment(database_url, workdir):
    env = base_environment()
    env.update(
        DJANGO_SETTINGS_MODULE="stock_oscar.settings",
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        # The site keeps its static files, media and Whoosh index here.
        STOCK_OSCAR_VAR=str(workdir),
        MEDIA_ROOT=str(workdir / "media"),
        PYTHONPATH=str(HERE),
        PYTHONUNBUFFERED="1",
    )
    return env


def ceiling_environment():
    env = base_environment()
    env.update(
        DJANGO_SETTINGS_MODULE="settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        PYTHONPATH=str(CEILING_DIR),
        PYTHONUNBUFFERED="1",
    )
    return env


# --- preparing the sites ---------------------------------------------------------------------------


def generator_command(python, args, media_root, manifest, shopper_password):
    return [
        str(python),
        str(HERE / "catalogue.py"),
        "--products",
        str(args.products),
        "--categories",
        str(CATEGORIES),
        "--seed",
        str(SEED),
        "--media-root",
        str(media_root),
        "--manifest",
        str(manifest),
        "--shopper-password",
        shopper_password,
    ]


def prepare_ptashka(site, args):
    recreate_database(site["database_url"])
    flush_bench_redis(site["env"]["REDIS_URL"])
    python = BIN / "python"
    env = site["env"]
    # collectstatic needs no database: it runs beside the migrations.
    collecting = subprocess.Popen(
        [str(python), "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        stdout=open(LOGS / "ptashka-collectstatic.log", "w"),
        stderr=subprocess.STDOUT,
    )
    try:
        run_step("ptashka-migrate", [str(python), "manage.py", "migrate", "--noinput", "-v", "0"], env)
        run_step("ptashka-load_demo", [str(python), "manage.py", "load_demo"], env)
        generate(site, python, args)
    except BaseException:
        collecting.kill()
        collecting.wait()
        raise
    if collecting.wait() != 0:
        raise BenchAborted(
            f"collectstatic exited with {collecting.returncode} (log: {LOGS}/ptashka-collectstatic.log)"
        )
    # The demo's catalogue and content were cached while loading: start the measurement from Redis empty.
    flush_bench_redis(env["REDIS_URL"])


def prepare_stock(site, args):
    recreate_database(site["database_url"])
    python = STOCK_VENV / "bin" / "python"
    env = site["env"]
    if not python.exists():
        run_step("stock-venv", [sys.executable, "-m", "venv", str(STOCK_VENV)], env)
    installed = STOCK_VENV / ".installed"
    requirements = STOCK_DIR / "requirements.txt"
    if not installed.exists() or installed.stat().st_mtime < requirements.stat().st_mtime:
        run_step(
            "stock-install",
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "-c",
                str(ROOT / "constraints.txt"),
                "-r",
                str(requirements),
            ],
            env,
        )
        installed.touch()
    manage = [str(python), str(STOCK_DIR / "manage.py")]
    run_step("stock-migrate", [*manage, "migrate", "--noinput", "-v", "0"], env)
    run_step("stock-collectstatic", [*manage, "collectstatic", "--noinput", "-v", "0"], env)
    generate(site, python, args)
    # Oscar 4.2 browses and searches through haystack: Whoosh's index makes its pages list products.
    run_step("stock-update_index", [*manage, "update_index", "--remove", "-v", "0"], env)


def reuse_prepared(site, args):
    """The site as an earlier run left it: same catalogue size; shoppers get new passwords, empty baskets."""
    name = site["name"]
    python = BIN / "python" if name == "ptashka" else STOCK_VENV / "bin" / "python"
    if not site["manifest"].exists() or not python.exists():
        raise BenchAborted(
            f"--reuse-data: {name} has no earlier run to reuse ({site['manifest']}); run without it"
        )
    made = json.loads(site["manifest"].read_text())["counts"]["browsable_products"]
    if made != args.products:
        raise BenchAborted(f"--reuse-data: {name} was prepared with {made:,} products, not {args.products:,}")
    if name == "ptashka":
        flush_bench_redis(site["env"]["REDIS_URL"])
    for shopper in site["shoppers"]:
        probe(
            f"{name}-add-shopper", python, site["env"], "add-shopper", shopper["email"], shopper["password"]
        )
    site["resolved"] = probe(f"{name}-resolve", python, site["env"], "resolve", str(site["manifest"]))
    site["python"] = python


def generate(site, python, args):
    """The same catalogue (same seed) in the site, and a second shopper for the 10-line basket."""
    name = site["name"]
    run_step(
        f"{name}-catalogue",
        generator_command(
            python, args, site["workdir"] / "media", site["manifest"], site["shoppers"][0]["password"]
        ),
        site["env"],
    )
    shopper = site["shoppers"][1]
    probe(f"{name}-add-shopper", python, site["env"], "add-shopper", shopper["email"], shopper["password"])
    site["resolved"] = probe(f"{name}-resolve", python, site["env"], "resolve", str(site["manifest"]))
    site["python"] = python


# --- shoppers and their baskets --------------------------------------------------------------------

CSRF_FIELD = re.compile(r'name=["\']csrfmiddlewaretoken["\']\s+value=["\']([^"\']+)["\']')


class StorefrontShopper:
    """A browser-like session that signs in and adds products through the storefront's own forms."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.http = LoopbackSession()

    def csrf_token(self, path):
        page = self.http.get(self.base_url + path, timeout=30)
        found = CSRF_FIELD.search(page.text)
        if page.status_code != 200 or not found:
            raise BenchAborted(
                f"{self.base_url}{path}: no form with a CSRF token (status {page.status_code})"
            )
        return found.group(1)

    def sign_in(self, email, password):
        token = self.csrf_token("/accounts/login/")
        answer = self.http.post(
            self.base_url + "/accounts/login/",
            data={
                "csrfmiddlewaretoken": token,
                "login-username": email,
                "login-password": password,
                "login_submit": "Log in",
            },
            headers={"Referer": self.base_url + "/accounts/login/"},
            allow_redirects=False,
            timeout=30,
        )
        if answer.status_code != 302 or "sessionid" not in self.http.cookies:
            raise BenchAborted(
                f"{self.base_url}: signing in {email} answered {answer.status_code}, no session"
            )

    def add_to_basket(self, product):
        token = self.csrf_token(product["path"])
        answer = self.http.post(
            f"{self.base_url}/basket/add/{product['pk']}/",
            data={"csrfmiddlewaretoken": token, "quantity": "1"},
            headers={"Referer": self.base_url + product["path"]},
            allow_redirects=False,
            timeout=30,
        )
        if answer.status_code != 302:
            raise BenchAborted(
                f"{self.base_url}: adding {product['upc']} to the basket answered {answer.status_code}"
            )

    def cookies(self):
        return {cookie.name: cookie.value for cookie in self.http.cookies}


def fill_baskets(site):
    """Shopper 1 gets one line, shopper 2 ten; their cookies make the signed-in measurements."""
    products = site["resolved"]["basket_products"]
    if len(products) < 10:
        raise BenchAborted(f"{site['name']}: the manifest names {len(products)} products for baskets, not 10")
    site["cookies"] = []
    for shopper, lines in zip(site["shoppers"], (1, 10), strict=True):
        browser = StorefrontShopper(site["server"].base_url)
        browser.sign_in(shopper["email"], shopper["password"])
        for product in products[:lines]:
            browser.add_to_basket(product)
        # A browser shows the "added to your basket" messages on the next page, which clears their
        # cookie; without this every measured GET would render them again.
        browser.http.get(site["server"].base_url + "/basket/", timeout=30)
        site["cookies"].append(browser.cookies())
    site["resolved"]["pages"]["basket_1"] = {"path": "/basket/", "titles": [products[0]["title"]]}
    site["resolved"]["pages"]["basket_10"] = {"path": "/basket/", "titles": [p["title"] for p in products]}


def cookies_for(site, page, variant):
    if variant == "anonymous":
        return {}
    return site["cookies"][1] if page == "basket_10" else site["cookies"][0]


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


# --- measuring -------------------------------------------------------------------------------------


def check_pages(site):
    """GET every page to measure once: a 200 with the products it should show, or the run stops."""
    for page, variant in PLAN:
        target = site["resolved"]["pages"].get(page)
        if target is None:
            continue
        answer = requests.get(
            site["server"].base_url + target["path"],
            headers={"Cookie": cookie_header(cookies_for(site, page, variant))},
            allow_redirects=False,
            timeout=60,
        )
        what = f"{site['name']} {page} ({variant}) {target['path']}"
        if answer.status_code != 200:
            raise BenchAborted(f"{what} answered {answer.status_code}, not 200: nothing to measure")
        try:
            assert_real_page(answer.text, target["titles"])
        except AssertionError as error:
            raise BenchAborted(f"{what} is not a real page with products: {error}") from error
    log(f"{site['name']}: every page is a 200 with products")


def wrk(url, seconds, connections, cookies=None):
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(HERE / "wrk_report.lua"),
    ]
    if cookies:
        command += ["-H", f"Cookie: {cookie_header(cookies)}"]
    result = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60)
    try:
        return report.parse_wrk_report(result.stdout)
    except report.WrkReportMissing as error:
        raise BenchAborted(f"wrk on {url}: {error} {result.stderr.strip()}") from error


def measure_pages(sites, ceiling, seconds):
    """wrk on each page, the sites taking turns page by page, the ceiling every second page."""
    measurements, ceiling_runs = [], []
    for number, (page, variant) in enumerate(PLAN):
        for site in sites:
            target = site["resolved"]["pages"].get(page)
            if target is None:
                continue
            connections = SEARCH_CONNECTIONS if page == "search" else WRK_CONNECTIONS
            result = wrk(
                site["server"].base_url + target["path"],
                seconds,
                connections,
                cookies_for(site, page, variant),
            )
            site["server"].wait_until_idle()
            log(
                f"{site['name']:8} {page:18} {variant:9} {result['requests_per_s']:8.1f} req/s  "
                f"p95 {result['latency_ms']['p95']:7.1f} ms  non-2xx {result['non_2xx']}"
            )
            measurements.append(
                {
                    "site": site["name"],
                    "page": page,
                    "variant": variant,
                    "path": target["path"],
                    "wrk": result,
                }
            )
        if number % 2 == 1:
            result = wrk(ceiling.base_url + "/", seconds, WRK_CONNECTIONS)
            ceiling.wait_until_idle()
            log(f"ceiling  {result['requests_per_s']:8.1f} req/s  p95 {result['latency_ms']['p95']:.1f} ms")
            ceiling_runs.append(result)
    return measurements, ceiling_runs


def count_queries(site):
    """Each page once through Django's test client, anonymous and signed in."""
    pages = []
    for page, target in site["resolved"]["pages"].items():
        for variant in ("anonymous", "signed_in"):
            if page.startswith("basket") and variant == "anonymous":
                continue
            pages.append(
                {
                    "key": page,
                    "variant": variant,
                    "path": target["path"],
                    "cookies": cookies_for(site, page, "anonymous" if variant == "anonymous" else "shopper"),
                }
            )
    pages_file = VAR / f"{site['name']}-query-pages.json"
    pages_file.write_text(json.dumps(pages))
    answers = probe(f"{site['name']}-queries", site["python"], site["env"], "queries", str(pages_file))
    counts = {}
    for answer in answers:
        counts.setdefault(answer["key"], {})[answer["variant"]] = answer["queries"]
        counts[answer["key"]][f"{answer['variant']}_bytes"] = answer["bytes"]
        counts[answer["key"]][f"{answer['variant']}_status"] = answer["status"]
    return counts


# Pages whose uncached time RESULTS.md breaks down, and the anonymous hit beside them.
PROFILED = (
    ("catalogue", "signed_in"),
    ("category", "signed_in"),
    ("product_variants", "signed_in"),
    ("product_standalone", "signed_in"),
    ("basket_1", "signed_in"),
    ("catalogue", "anonymous"),
)


def profile_pages(site):
    """Where a page's time goes, in one process of the site's (site_probe.py profile)."""
    pages = [
        {
            "key": page,
            "variant": variant,
            "path": site["resolved"]["pages"][page]["path"],
            "cookies": cookies_for(site, page, "anonymous" if variant == "anonymous" else "shopper"),
        }
        for page, variant in PROFILED
        if page in site["resolved"]["pages"]
    ]
    pages_file = VAR / f"{site['name']}-profile-pages.json"
    pages_file.write_text(json.dumps(pages))
    return probe(f"{site['name']}-profile", site["python"], site["env"], "profile", str(pages_file))


def api_checkout(site, seconds):
    pks = ",".join(str(product["pk"]) for product in site["resolved"]["basket_products"])
    log_path = run_step(
        "ptashka-checkout",
        [
            str(BIN / "python"),
            str(HERE / "checkout_load.py"),
            "--base-url",
            site["server"].base_url,
            "--product-pks",
            pks,
            "--threads",
            str(CHECKOUT_THREADS),
            "--seconds",
            str(seconds),
        ],
        base_environment(),
    )
    result = json.loads(log_path.read_text().strip().splitlines()[-1])
    result.update(oversold_after_checkout(site["database_url"]))
    return result


def oversold_after_checkout(database_url):
    """Stock records allocated beyond their stock, or with more units ordered than they hold."""
    connection = connect(database_url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM partner_stockrecord WHERE num_allocated > num_in_stock")
        over_allocated = cursor.fetchone()[0]
        cursor.execute(
            """
            SELECT count(*) FROM (
                SELECT record.id FROM order_line line
                JOIN partner_stockrecord record ON record.id = line.stockrecord_id
                GROUP BY record.id, record.num_in_stock
                HAVING sum(line.quantity) > record.num_in_stock
            ) oversold
            """
        )
        oversold_records = cursor.fetchone()[0]
    connection.close()
    return {
        "over_allocated_records": over_allocated,
        "oversold_records": oversold_records,
        "oversold": over_allocated + oversold_records,
    }


# --- the machine -----------------------------------------------------------------------------------


def machine(database_url, redis_url):
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text()
    ram_kb = int(re.search(r"^MemTotal:\s+(\d+) kB", meminfo, re.MULTILINE).group(1))
    connection = connect(database_url)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = "PostgreSQL " + cursor.fetchone()[0].split()[0]
    connection.close()
    client = redis.Redis.from_url(redis_url)
    redis_version = client.info("server")["redis_version"]
    client.close()
    return {
        "cpu": model.group(1).strip() if model else platform.processor(),
        "cores": os.cpu_count(),
        "ram_gb": ram_kb / 1024 / 1024,
        "postgres": postgres,
        "redis": redis_version,
        "kernel": platform.release(),
    }


def asgi_health(server):
    """The ASGI server answers HTTP and accepts a WebSocket handshake (an anonymous one, closed 4403)."""
    from websockets.sync.client import connect as websocket

    server.wait_until_up("/healthz")
    with websocket(
        f"ws://127.0.0.1:{server.port}/ws/dashboard/orders/", origin="http://127.0.0.1"
    ) as socket_:
        try:
            socket_.recv(timeout=10)
        except Exception as closed:  # the server closes at once for a stranger: that is the answer
            code = getattr(getattr(closed, "rcvd", None), "code", None)
            if code != 4403:
                raise BenchAborted(
                    f"ASGI /ws/dashboard/orders/ closed with {code}, expected 4403"
                ) from closed


# --- the run ---------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=int(os.environ.get("BENCH_PRODUCTS", 10_000)))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--checkout-seconds", type=int, default=CHECKOUT_SECONDS)
    parser.add_argument(
        "--reuse-data",
        action="store_true",
        default=os.environ.get("BENCH_REUSE_DATA", "") not in ("", "0"),
        help="measure the databases and media an earlier run of the same size prepared, without rebuilding "
        "them (about 12 minutes at 10k products); the shoppers' baskets start empty again",
    )
    return parser.parse_args(argv)


def ports():
    """Four loopback ports: from BENCH_PORT_BASE up when it is set, else any free ones."""
    base = os.environ.get("BENCH_PORT_BASE")
    return [int(base) + offset for offset in range(4)] if base else [free_port() for _ in range(4)]


def main(argv=None):
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise BenchAborted("wrk is not installed (Debian: apt-get install wrk); nothing was changed")
    started = time.monotonic()
    LOGS.mkdir(parents=True, exist_ok=True)
    base_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    redis_url = os.environ.get("BENCH_REDIS_URL") or DEFAULT_REDIS_URL
    ptashka_port, asgi_port, stock_port, ceiling_port = ports()
    sites = []
    for name, suffix, port in (("ptashka", "_bench", ptashka_port), ("stock", "_bench_stock", stock_port)):
        workdir = VAR / name
        if not args.reuse_data:
            shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir(parents=True, exist_ok=True)
        database_url = bench_database_url(base_url, suffix)
        env = (
            ptashka_environment(database_url, redis_url, port, workdir)
            if name == "ptashka"
            else stock_environment(database_url, workdir)
        )
        sites.append(
            {
                "name": name,
                "database_url": database_url,
                "env": env,
                "workdir": workdir,
                "manifest": VAR / f"manifest-{name}.json",
                "shoppers": [
                    {"email": "bench-shopper@example.com", "password": secrets.token_urlsafe(12)},
                    {"email": "bench-shopper-10@example.com", "password": secrets.token_urlsafe(12)},
                ],
            }
        )
    ptashka, stock = sites
    servers = []
    try:
        log(
            f"preparing Ptashka ({ptashka['database_url']}) and stock Oscar side by side, "
            f"{args.products:,} products"
        )
        if args.reuse_data:
            for site in sites:
                reuse_prepared(site, args)
        else:
            with ThreadPoolExecutor(max_workers=2) as pool:
                for done in [
                    pool.submit(prepare_ptashka, ptashka, args),
                    pool.submit(prepare_stock, stock, args),
                ]:
                    done.result()
        log(f"prepared in {time.monotonic() - started:.0f} s; starting the servers")
        ptashka["server"] = gunicorn(
            "ptashka-gunicorn", BIN, "ptashka.wsgi:application", ROOT, ptashka["env"], ptashka_port, "src,."
        )
        asgi = Server(
            "ptashka-asgi",
            [
                str(BIN / "uvicorn"),
                "ptashka.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(asgi_port),
                "--proxy-headers",
                "--lifespan",
                "off",
                "--workers",
                "2",
            ],
            ptashka["env"],
            ROOT,
            asgi_port,
        )
        stock["server"] = gunicorn(
            "stock-gunicorn",
            STOCK_VENV / "bin",
            "stock_oscar.wsgi:application",
            HERE,
            stock["env"],
            stock_port,
            str(HERE),
        )
        ceiling = gunicorn(
            "ceiling-gunicorn",
            BIN,
            "wsgi:application",
            CEILING_DIR,
            ceiling_environment(),
            ceiling_port,
            str(CEILING_DIR),
        )
        servers = [ptashka["server"], asgi, stock["server"], ceiling]
        ptashka["server"].wait_until_up("/readyz")
        asgi_health(asgi)
        stock["server"].wait_until_up("/catalogue/")
        ceiling.wait_until_up("/")
        log("servers up (ASGI: /healthz and a WebSocket handshake answered)")

        for site in sites:
            fill_baskets(site)
            check_pages(site)
        queries = {site["name"]: count_queries(site) for site in sites}
        profiles = {site["name"]: profile_pages(site) for site in sites}
        log(f"measuring: {len(PLAN)} pages × 2 sites, {args.seconds} s each")
        measurements, ceiling_runs = measure_pages(sites, ceiling, args.seconds)
        log(f"API checkout: {CHECKOUT_THREADS} threads for {args.checkout_seconds} s")
        checkout = api_checkout(ptashka, args.checkout_seconds)
        log(
            f"{checkout['orders_per_s']:.1f} orders/s, {checkout['errors']} errors, "
            f"{checkout['oversold']} oversold"
        )
        memory = {
            "ptashka": ptashka["server"].worker_memory(),
            "stock": stock["server"].worker_memory(),
            "ceiling": ceiling.worker_memory(),
        }
        results = assemble(
            args, base_url, redis_url, measurements, ceiling_runs, queries, checkout, memory, started
        )
        results["profiles"] = profiles
    finally:
        for server in servers:
            server.stop()
    write_results(results)
    log(f"done in {time.monotonic() - started:.0f} s: bench/RESULTS.md, {results['run']['raw_json']}")
    return 0


def assemble(args, base_url, redis_url, measurements, ceiling_runs, queries, checkout, memory, started):
    for measurement in measurements:
        counts = queries.get(measurement["site"], {}).get(measurement["page"], {})
        key = "anonymous" if measurement["variant"] == "anonymous" else "signed_in"
        measurement["queries"] = counts.get(key)
        measurement["body_bytes"] = counts.get(f"{key}_bytes")
    if os.environ.get("MAKELEVEL"):
        command = f"make bench BENCH_PRODUCTS={args.products} BENCH_SECONDS={args.seconds}"
        if args.reuse_data:
            command += " BENCH_REUSE_DATA=1"
    else:
        command = " ".join([".venv/bin/python", "bench/run.py", *sys.argv[1:]])
    return {
        "run": {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "command": command,
            "products": args.products,
            "categories": CATEGORIES,
            "seed": SEED,
            "seconds": args.seconds,
            "gunicorn": f"{GUNICORN_WORKERS} workers × {GUNICORN_THREADS} threads (gthread), at most "
            f"{WORKER_CONNECTIONS} connections a worker, no access log, "
            "no worker recycling (bench/gunicorn_bench.py)",
            "machine": machine(bench_database_url(base_url, "_bench"), redis_url),
            "wall_seconds": time.monotonic() - started,
            "raw_json": f"bench/var/results-{args.products}.json",
        },
        "measurements": measurements,
        "ceiling": {"runs": ceiling_runs, "requests_per_s": report.ceiling_requests_per_s(ceiling_runs)},
        "queries": queries,
        "checkout": checkout,
        "memory": memory,
        "notes": [
            "Bytes are wrk's per response (headers included); queries are a page's second GET in a fresh "
            "process of the site, after the pages were warmed: what a warm worker asks, and for an "
            "anonymous visitor what the page cache leaves.",
            "The stock site has no cache: its anonymous and signed-in pages cost the same work.",
            f"Each gunicorn worker holds at most {WORKER_CONNECTIONS} connections, so wrk's "
            f"{WRK_CONNECTIONS} use both workers; search's {SEARCH_CONNECTIONS} may all land on one "
            "(whichever accepts first), so its req/s can be one core's from run to run.",
            "Signed-in shoppers have seen their add-to-basket messages (a page was fetched after the "
            "last add), as a browser would; their recently-viewed cookie stays.",
            "The box is shared: other processes take CPU during the run, so compare ratios in one run.",
        ],
    }


def write_results(results):
    raw = ROOT / results["run"]["raw_json"]
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(json.dumps(results, indent=2) + "\n")
    other = [path for path in raw.parent.glob("results-*.json") if path != raw]
    previous = json.loads(max(other, key=lambda path: path.stat().st_mtime).read_text()) if other else None
    (HERE / "RESULTS.md").write_text(report.render_results(results, previous))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchAborted as aborted:
        print(f"\nbench aborted: {aborted}", file=sys.stderr)
        sys.exit(1)
