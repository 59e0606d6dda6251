"""`make lighthouse`: the demo shop as production serves it, through Lighthouse on a phone.

    python bench/lighthouse.py [--report-only] [--skip-weight] [--keep-data] [--output docs/lighthouse.md]

Starts the demo shop under gunicorn with the prod settings (DEBUG off, whitenoise's compressed,
hashed static files from collectstatic) on its own SQLite database under var/lighthouse/ (migrated
and loaded with `load_demo` once, reused by later runs; --fresh starts it again), then runs the
Lighthouse CLI (tests/browser/js/, `make install-test`) in Debian's Chromium with the mobile form
factor on the home page, a category, a product and the basket with a line in it (the basket's
cookie, from adding to it over HTTP, goes with --extra-headers). Prints each page's four scores
against the targets and writes the table to docs/lighthouse.md, with the page weight of
bench/page_weight.py (first-load CSS+JS as transferred, requests, other hosts) below it.

Exits 1 when a page misses a target (--report-only: prints and writes, exits 0), 2 when the shop
or Lighthouse cannot be run at all.
"""

import argparse
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VAR = ROOT / "var" / "lighthouse"
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
JS_DIR = ROOT / "tests" / "browser" / "js"
LIGHTHOUSE = JS_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
OUTPUT = ROOT / "docs" / "lighthouse.md"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Lighthouse's score (0-100) each category must reach on every page.
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
TITLES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best Practices",
    "seo": "SEO",
}
SHOPPER_EMAIL = "lighthouse-shopper@example.com"
SHOPPER_PASSWORD = "lighthouse-shopper-1"
CSRF_FIELD = re.compile(r'name=["\']csrfmiddlewaretoken["\']\s+value=["\']([^"\']+)["\']')


class CannotRun(Exception):
    """The shop or a tool could not be started: nothing was measured."""


def log(message):
    print(f"[lighthouse] {message}", file=sys.stderr, flush=True)


# --- the demo shop, served like production ---------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def shop_environment(port, var=VAR):
    """Prod settings on loopback: plain HTTP, the test-only gateway on, an own SQLite database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "STRIPE_", "PAYPAL_", "SENTRY_", "GUNICORN_", "REDIS_URL", "API_RATE_")
        )
        and key not in ("DATABASE_URL", "VIRTUAL_ENV", "PYTHONPATH")
    }
    secret = var / "secret-key"
    if not secret.exists():
        secret.write_text(secrets.token_urlsafe(50))
    env.update(
        DJANGO_SETTINGS_MODULE="ptashka.settings.prod",
        DJANGO_READ_DOT_ENV_FILE="False",
        DEBUG="False",
        DATABASE_URL=f"sqlite:///{var / 'db.sqlite3'}",
        SECRET_KEY=secret.read_text().strip(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SHOP_BASE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="False",
        SECURE_HSTS_SECONDS="0",
        PAYMENTS_DUMMY_GATEWAY="true",
        STATIC_ROOT=str(var / "static"),
        MEDIA_ROOT=str(var / "media"),
        ANALYTICS_EXPORT_ROOT=str(var / "exports"),
        EMAIL_URL="consolemail://",
        LOG_LEVEL="WARNING",
        PYTHONPATH=f"{ROOT / 'src'}:{ROOT}",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args, log_name):
    path = VAR / "logs" / f"{log_name}.log"
    with open(path, "w") as output:
        done = subprocess.run(
            [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    if done.returncode != 0:
        raise CannotRun(f"manage.py {' '.join(args)} exited with {done.returncode} (log: {path})")


def prepare(env, fresh=False):
    """The database migrated and loaded once (reused by later runs); the static files collected."""
    db = VAR / "db.sqlite3"
    loaded = VAR / "demo-loaded"
    if fresh or not loaded.exists():
        db.unlink(missing_ok=True)
        loaded.unlink(missing_ok=True)
        log("migrating a fresh database and loading the demo shop (once; later runs reuse it)")
        manage(env, "migrate", "--noinput", "-v", "0", log_name="migrate")
        manage(env, "load_demo", log_name="load_demo")
        loaded.write_text(datetime.now(UTC).isoformat())
    else:
        # The code may have new migrations since the demo was loaded.
        manage(env, "migrate", "--noinput", "-v", "0", log_name="migrate")
    log("collecting the static files (compressed and hashed, as production serves them)")
    manage(env, "collectstatic", "--noinput", "--clear", "-v", "0", log_name="collectstatic")


class Shop:
    """gunicorn serving the demo shop, in its own process group."""

    def __init__(self, env, port):
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path = VAR / "logs" / "gunicorn.log"
        self.output = open(self.log_path, "w")
        env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "2",
            "PYTHONPATH": f"{env['PYTHONPATH']}:{HERE}",
        }
        self.process = subprocess.Popen(
            [str(GUNICORN), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "lighthouse:shop_with_media()"],
            cwd=ROOT,
            env=env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_up(self, seconds=90):
        import requests

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CannotRun(f"gunicorn exited with {self.process.returncode} (log: {self.log_path})")
            try:
                if requests.get(self.base_url + "/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise CannotRun(f"gunicorn did not answer /healthz within {seconds} s (log: {self.log_path})")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.output.close()


def shop_with_media():
    """The shop's WSGI app with its media (product pictures, thumbnails, renditions) served in
    front of it, as nginx serves them in production (deploy/nginx.conf); DEBUG is off, so Django
    does not. New thumbnails are found as they are made (autorefresh)."""
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from whitenoise import WhiteNoise

    application = get_wsgi_application()
    return WhiteNoise(
        application, root=settings.MEDIA_ROOT, prefix=settings.MEDIA_URL, autorefresh=True, max_age=3600
    )


@contextmanager
def demo_shop(fresh=False):
    """(base_url, pages) of the demo shop running under gunicorn until the block ends."""
    (VAR / "logs").mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = shop_environment(port)
    prepare(env, fresh=fresh)
    pages = resolve(env)
    shop = Shop(env, port)
    try:
        shop.wait_until_up()
        yield shop.base_url, pages
    finally:
        shop.stop()


RESOLVE = """
import json, django
django.setup()
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model
from cms.journal import ArticlePage
from cms.landing import LandingPage
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
browsable = Product.objects.browsable()
standalone = next(
    p for p in browsable.filter(structure="standalone").order_by("pk")
    if p.stockrecords.exists() and p.stockrecords.first().net_stock_level > 1
)
parent = browsable.filter(structure="parent").order_by("pk").first()
category = Category.objects.filter(product__in=browsable).distinct().order_by("path").first()
User = get_user_model()
shopper = User.objects.filter(email=EMAIL).first() or User(email=EMAIL, first_name="Oksana")
if User.USERNAME_FIELD != "email":
    setattr(shopper, User.USERNAME_FIELD, EMAIL.split("@")[0])
shopper.set_password(PASSWORD)
shopper.is_active = True
shopper.save()
campaign = LandingPage.objects.live().public().order_by("path").first()
article = ArticlePage.objects.live().public().order_by("path").first()
print(json.dumps({
    "home": "/",
    "category": category.get_absolute_url(),
    "product": standalone.get_absolute_url(),
    "product_pk": standalone.pk,
    "product_title": standalone.title,
    "parent_product": parent.get_absolute_url(),
    "search": "/search/?q=" + max(standalone.title.split(), key=len),
    "campaign": campaign.url if campaign else None,
    "article": article.url if article else None,
    "shopper": {"email": EMAIL, "password": PASSWORD},
}))
"""


def resolve(env):
    """The demo's pages to measure (and a customer who can sign in), asked of Django itself."""
    code = f"EMAIL = {SHOPPER_EMAIL!r}\nPASSWORD = {SHOPPER_PASSWORD!r}\n" + RESOLVE
    done = subprocess.run([str(PYTHON), "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise CannotRun(f"finding the demo's pages failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- a shopper over HTTP ------------------------------------------------------------------------------


def loopback_session():
    """A requests session that sends the shop's Secure cookies back over plain HTTP on loopback."""
    import requests

    class LoopbackSession(requests.Session):
        def request(self, *args, **kwargs):
            response = super().request(*args, **kwargs)
            for cookie in self.cookies:
                cookie.secure = False
            return response

    return LoopbackSession()


def csrf_token(http, url):
    page = http.get(url, timeout=30)
    found = CSRF_FIELD.search(page.text)
    if page.status_code != 200 or not found:
        raise CannotRun(f"{url}: no form with a CSRF token (HTTP {page.status_code})")
    return found.group(1)


def shopper_with_a_line(base_url, pages):
    """A requests session whose basket holds the demo product (as the storefront's form adds it)."""
    http = loopback_session()
    product_url = base_url + pages["product"]
    answer = http.post(
        f"{base_url}/basket/add/{pages['product_pk']}/",
        data={"csrfmiddlewaretoken": csrf_token(http, product_url), "quantity": "1"},
        headers={"Referer": product_url},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise CannotRun(f"adding {pages['product_title']!r} to the basket answered HTTP {answer.status_code}")
    # The "added to your basket" message is shown (and cleared) by the next page, not the measured one.
    http.get(base_url + "/basket/", timeout=30)
    return http


def guest_at_the_address_step(base_url, pages):
    """A session with a line in the basket that went on as a guest: the checkout's address step is next."""
    http = shopper_with_a_line(base_url, pages)
    gateway = base_url + "/checkout/"
    answer = http.post(
        gateway,
        data={
            "csrfmiddlewaretoken": csrf_token(http, gateway),
            "username": "lighthouse-guest@example.com",
            "options": "anonymous",
        },
        headers={"Referer": gateway},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise CannotRun(f"continuing as a guest at /checkout/ answered HTTP {answer.status_code}")
    return http


def cookie_header(http):
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in http.cookies)


# --- Lighthouse ----------------------------------------------------------------------------------------


def lighthouse(url, report_path, extra_headers=None, skip_audits=()):
    """{category: score 0-100} of one page; raises CannotRun when Lighthouse fails."""
    if not LIGHTHOUSE.exists():
        raise CannotRun(f"no Lighthouse at {LIGHTHOUSE}: run `make install-test` (npm ci --prefix {JS_DIR})")
    command = [
        str(LIGHTHOUSE),
        url,
        "--form-factor=mobile",
        "--only-categories=" + ",".join(CATEGORIES),
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={report_path}",
        "--quiet",
    ]
    if extra_headers:
        command.append("--extra-headers=" + json.dumps(extra_headers))
    if skip_audits:
        command.append("--skip-audits=" + ",".join(skip_audits))
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not Path(report_path).exists():
        raise CannotRun(f"lighthouse {url} exited with {done.returncode}:\n{done.stderr[-2000:]}")
    report = json.loads(Path(report_path).read_text())
    if report.get("runtimeError"):
        raise CannotRun(f"lighthouse {url}: {report['runtimeError'].get('message')}")
    scores = {}
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        scores[category] = None if score is None else round(score * 100)
    scores["failing_audits"] = failing_audits(report)
    return scores


def lighthouse_with_retry(url, report_path, extra_headers=None, skip_audits=(), attempts=3):
    """Lighthouse again when its own trace recording fails (NO_NAVSTART and the like happen now
    and then on a busy machine); the last failure is raised."""
    for attempt in range(1, attempts + 1):
        try:
            return lighthouse(url, report_path, extra_headers, skip_audits)
        except CannotRun as exc:
            if attempt == attempts:
                raise
            reason = str(exc).splitlines()[-1]
            log(f"lighthouse failed (attempt {attempt} of {attempts}), trying again: {reason}")
            Path(report_path).unlink(missing_ok=True)


def failing_audits(report):
    """{category: [audit ids scored below 1]} for the categories under their target."""
    found = {}
    for category in CATEGORIES:
        entry = report["categories"][category]
        if entry["score"] is not None and round(entry["score"] * 100) >= TARGETS[category]:
            continue
        ids = []
        for ref in entry["auditRefs"]:
            audit = report["audits"].get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                ids.append(ref["id"])
        found[category] = ids
    return found


def measure(base_url, pages, reports_dir):
    """[(page name, path, scores)] for the four pages."""
    basket_headers = {"Cookie": cookie_header(shopper_with_a_line(base_url, pages))}
    # A basket is one visitor's and says noindex, as it should: Lighthouse's is-crawlable audit
    # cannot pass there, so it is left out of the basket's SEO score (and the table says so).
    plan = [
        ("home", pages["home"], None, ()),
        ("category", pages["category"], None, ()),
        ("product", pages["product"], None, ()),
        ("basket (one line; is-crawlable skipped: noindex)", "/basket/", basket_headers, ("is-crawlable",)),
    ]
    results = []
    for name, path, headers, skip in plan:
        log(f"lighthouse {path}")
        report_path = Path(reports_dir) / (re.sub(r"\W+", "-", name).strip("-")[:40] + ".json")
        results.append((name, path, lighthouse_with_retry(base_url + path, report_path, headers, skip)))
    return results


def misses(results):
    return [
        (name, category, scores[category])
        for name, _path, scores in results
        for category in CATEGORIES
        if scores[category] is None or scores[category] < TARGETS[category]
    ]


def score_table(results):
    head = "| page | " + " | ".join(f"{TITLES[c]} (target {target_text(c)})" for c in CATEGORIES) + " |"
    lines = [head, "|---|" + "---:|" * len(CATEGORIES)]
    for name, path, scores in results:
        cells = []
        for category in CATEGORIES:
            score = scores[category]
            ok = score is not None and score >= TARGETS[category]
            cells.append(f"{'–' if score is None else score}{'' if ok else ' ✗'}")
        lines.append(f"| {name} `{path}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def target_text(category):
    return "100" if TARGETS[category] == 100 else f"≥ {TARGETS[category]}"


def audit_notes(results):
    lines = []
    for name, _path, scores in results:
        for category, ids in scores["failing_audits"].items():
            lines.append(
                f"- {name}, {TITLES[category]}: {', '.join(ids) or '(no single audit: simulated timings)'}"
            )
    return "\n".join(lines)


def write_report(path, results, weight, missed, weight_missed):
    from page_weight import weight_table

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "# Lighthouse and page weight",
        "",
        f"`make lighthouse`, {stamp}: the demo shop under gunicorn with the prod settings (DEBUG off,",
        "whitenoise's compressed static files), Lighthouse "
        + lighthouse_version()
        + " in Chromium, mobile form factor with Lighthouse's simulated throttling. ✗ marks a missed target.",
        "",
        score_table(results),
        "",
    ]
    notes = audit_notes(results)
    if notes:
        parts += ["Audits that cost points where a target is missed:", "", notes, ""]
    if weight is not None:
        parts += [
            "## Page weight",
            "",
            "First load in a fresh Chromium profile (bench/page_weight.py): CSS and JavaScript as",
            "transferred (compressed as the server sent them), every request the page made, and requests",
            "to other hosts.",
            "",
            weight_table(weight),
            "",
        ]
    verdict = (
        "all targets met"
        if not (missed or weight_missed)
        else f"{len(missed) + len(weight_missed)} target(s) missed"
    )
    parts += [f"Result: {verdict}.", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts))


def lighthouse_version():
    package = JS_DIR / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"] if package.exists() else "(not installed)"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--report-only", action="store_true", help="print and write the tables; exit 0 on misses"
    )
    parser.add_argument("--skip-weight", action="store_true", help="leave out bench/page_weight.py")
    parser.add_argument("--fresh", action="store_true", help="migrate and load the demo into a new database")
    parser.add_argument(
        "--output", type=Path, default=OUTPUT, help=f"where the table goes (default {OUTPUT})"
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    sys.path.insert(0, str(HERE))
    sys.modules.setdefault("lighthouse", sys.modules[__name__])  # page_weight imports this module
    import page_weight

    try:
        with demo_shop(fresh=args.fresh) as (base_url, pages), tempfile.TemporaryDirectory() as reports:
            results = measure(base_url, pages, reports)
            print(score_table(results), flush=True)
            notes = audit_notes(results)
            if notes:
                print("\n" + notes, flush=True)
            weight = None if args.skip_weight else page_weight.measure(base_url, pages)
    except CannotRun as exc:
        log(f"cannot run: {exc}")
        return 2
    missed = misses(results)
    weight_missed = [] if weight is None else page_weight.misses(weight)
    if weight is not None:
        print("\n" + page_weight.weight_table(weight))
    write_report(args.output, results, weight, missed, weight_missed)
    log(f"wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    for name, category, score in missed:
        log(f"MISSED: {name}: {TITLES[category]} {score} < {TARGETS[category]}")
    for message in weight_missed:
        log(f"MISSED: {message}")
    if (missed or weight_missed) and not args.report_only:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
