"""The storefront's first load stays light: no legacy front-end kits, nothing from another host,
and at most 60 KB of CSS and JavaScript once gzipped (what whitenoise serves).

Each page is rendered by the test client from the demo shop; the stylesheets and scripts it links
are read from the static files and gzipped here, as whitenoise compresses them (level 9; brotli,
which browsers prefer, comes out smaller still). `make lighthouse`'s page_weight.py measures the
same on a running server, over HTTP.
"""

import gzip
import os
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

BUDGET_BYTES = 60 * 1024
# Oscar's storefront stylesheet, Bootstrap, jQuery and Font Awesome: the redesign replaced them all.
FORBIDDEN = re.compile(r"oscar/css/styles\.css|bootstrap|jquery|font-?awesome", re.I)
# Attributes that make the browser fetch something (an <a href> is a link, not a request).
FETCHING = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "track": ("src",),
}
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""")


class Resources(HTMLParser):
    """The stylesheets, scripts and other fetched URLs of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stylesheets = []
        self.scripts = []
        self.fetched = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").lower().split() and attrs.get("href"):
            self.stylesheets.append(attrs["href"])
        for name in FETCHING.get(tag, ()):
            value = attrs.get(name)
            if not value:
                continue
            if name == "srcset":
                self.fetched.extend(part.strip().split()[0] for part in value.split(",") if part.strip())
            elif tag == "link" and (attrs.get("rel") or "").lower() in ("canonical", "alternate"):
                continue  # names a page, fetches nothing
            else:
                self.fetched.append(value)


def own_hosts():
    return {"testserver", urlsplit(settings.SHOP_BASE_URL).hostname}


def other_hosts(urls):
    found = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            continue
        if parts.hostname and parts.hostname not in own_hosts():
            found.append(url)
    return found


def static_file(url):
    """The bytes of a linked static file, or None when the static files have no such file."""
    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        return None
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    return open(found, "rb").read() if found else None


def css_and_js(resources):
    """{url: bytes} of the page's stylesheets (with their @imports) and scripts; None if missing."""
    files = {}
    queue = list(resources.stylesheets) + list(resources.scripts)
    while queue:
        url = queue.pop(0)
        if url in files:
            continue
        body = static_file(url)
        files[url] = body
        if body is not None and urlsplit(url).path.endswith(".css"):
            queue.extend(
                urljoin(url, imported) for imported in CSS_IMPORT.findall(body.decode("utf-8", "replace"))
            )
    return files


def weight_problems(html):
    """Every reason the page breaks the budget, or an empty list."""
    resources = Resources()
    resources.feed(html)
    problems = [
        f"links {url} (a legacy kit the storefront no longer uses)"
        for url in resources.stylesheets + resources.scripts
        if FORBIDDEN.search(url)
    ]
    problems += [f"fetches {url} from another host" for url in other_hosts(resources.fetched)]
    files = css_and_js(resources)
    problems += [
        f"links {url}, which is not one of the static files" for url, body in files.items() if body is None
    ]
    sizes = {
        url: len(gzip.compress(body, compresslevel=9)) for url, body in files.items() if body is not None
    }
    total = sum(sizes.values())
    if total > BUDGET_BYTES:
        listing = ", ".join(
            f"{url} {size / 1024:.1f} KB" for url, size in sorted(sizes.items(), key=lambda i: -i[1])
        )
        problems.append(
            f"links {total / 1024:.1f} KB of CSS+JS gzipped,"
            f" over the {BUDGET_BYTES // 1024} KB budget: {listing}"
        )
    return problems


def test_the_check_finds_a_legacy_kit_another_host_and_a_missing_file():
    html = """<html><head>
        <link rel="stylesheet" href="/static/oscar/css/styles.css">
        <link rel="canonical" href="https://elsewhere.example/page/">
        <script src="https://cdn.example.com/jquery.min.js"></script>
        <script src="/static/ptashka/js/no-such-file.js"></script>
        </head><body><img srcset="//images.example.net/a.jpg 1x, /media/b.jpg 2x" alt="">
        <a href="https://instagram.example/ptashka">a link is not a request</a></body></html>"""

    problems = weight_problems(html)

    assert any("oscar/css/styles.css" in p and "legacy" in p for p in problems)
    assert any("cdn.example.com/jquery.min.js" in p and "legacy" in p for p in problems)
    assert any("cdn.example.com" in p and "another host" in p for p in problems)
    assert any("images.example.net" in p for p in problems)
    assert any("no-such-file.js" in p and "not one of the static files" in p for p in problems)
    assert not any("instagram" in p or "elsewhere.example" in p for p in problems)


def test_the_check_counts_gzipped_bytes_against_the_budget(settings, tmp_path):
    # A stylesheet that gzip cannot shrink, bigger than the budget, reached through an @import.
    (tmp_path / "big.css").write_bytes(b"/*" + os.urandom(BUDGET_BYTES + 1024) + b"*/")
    (tmp_path / "small.css").write_text('@import url("big.css");')
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, str(tmp_path)]
    finders.get_finder.cache_clear()
    try:
        problems = weight_problems(f'<link rel="stylesheet" href="{settings.STATIC_URL}small.css">')
        light = weight_problems(f'<script src="{settings.STATIC_URL}ptashka/js/visitor.js"></script>')
    finally:
        finders.get_finder.cache_clear()
    assert any("over the 60 KB budget" in p and "big.css" in p for p in problems), problems
    assert light == []


def storefront_paths(client):
    """(name, path) of the storefront pages measured, with a line in the client's basket."""
    from cms.journal import ArticlePage
    from cms.landing import LandingPage

    browsable = Product.objects.browsable()
    standalone = next(
        p
        for p in browsable.filter(structure="standalone").order_by("pk")
        if p.stockrecords.exists() and p.stockrecords.first().net_stock_level > 1
    )
    parent = browsable.filter(structure="parent").order_by("pk").first()
    category = Category.objects.filter(product__in=browsable).distinct().order_by("path").first()
    word = max(standalone.title.split(), key=len)
    added = client.post(reverse("basket:add", kwargs={"pk": standalone.pk}), {"quantity": 1})
    assert added.status_code == 302, f"adding {standalone.title} to the basket answered {added.status_code}"
    return [
        ("home", "/"),
        ("category", category.get_absolute_url()),
        ("product", standalone.get_absolute_url()),
        ("parent product", parent.get_absolute_url()),
        ("search", f"/search/?q={word}"),
        ("basket", reverse("basket:summary")),
        ("checkout", reverse("checkout:index")),
        ("sign-in", reverse("customer:login")),
        ("campaign", LandingPage.objects.live().order_by("path").first().url),
        ("journal article", ArticlePage.objects.live().order_by("path").first().url),
    ]


@pytest.mark.django_db
def test_storefront_pages_load_no_legacy_kit_nothing_from_another_host_and_at_most_60_kb(demo_shop, client):
    problems = []
    pages = storefront_paths(client)
    for name, path in pages:
        try:
            response = client.get(path)
        except Exception as exc:  # a template being rewritten: report the page, check the others
            problems.append(
                f"{name} ({path}): raised {exc.__class__.__name__}: {str(exc).splitlines()[0][:200]}"
            )
            continue
        if response.status_code != 200:
            problems.append(f"{name} ({path}): answered {response.status_code}")
            continue
        problems += [f"{name} ({path}) {problem}" for problem in weight_problems(response.content.decode())]
    assert not problems, f"{len(problems)} page weight problem(s):\n" + "\n".join(problems)
