"""The storefront's first-load weight, measured in Chromium against the demo shop as production serves it.

    python bench/page_weight.py [--report-only] [--fresh]

For the home page, a category, a product, the basket (one line), search results and the checkout's
address step: the CSS and JavaScript bytes transferred (compressed as whitenoise sent them) on a
first load in a fresh browser profile, the number of requests the page made, and every request to
another host. Targets: CSS+JS at most 60 KB, no other host. Starts the same server as
`make lighthouse` (bench/lighthouse.py, which also runs this and adds the table to
docs/lighthouse.md). Exits 1 when a page misses a target (0 with --report-only), 2 when the shop
cannot be run.
"""

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
BUDGET_KB = 60
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def plan(base_url, pages):
    """(name, path, requests session or None) of the pages to weigh."""
    from lighthouse import guest_at_the_address_step, shopper_with_a_line

    return [
        ("home", pages["home"], None),
        ("category", pages["category"], None),
        ("product", pages["product"], None),
        ("basket (one line)", "/basket/", shopper_with_a_line(base_url, pages)),
        ("search", pages["search"], None),
        ("checkout (address)", "/checkout/shipping-address/", guest_at_the_address_step(base_url, pages)),
    ]


def weigh(browser, base_url, path, http=None):
    """One first load: bytes by resource type as transferred, request count, other hosts."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    if http is not None:
        context.add_cookies([{"name": c.name, "value": c.value, "url": base_url} for c in http.cookies])
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    try:
        response = page.goto(base_url + path, wait_until="networkidle", timeout=60_000)
        status = response.status if response is not None else None
        own_host = urlsplit(base_url).netloc
        row = {
            "path": path,
            "status": status,
            "css": 0,
            "js": 0,
            "requests": 0,
            "other_hosts": [],
            "files": [],
        }
        for request in finished:
            row["requests"] += 1
            if urlsplit(request.url).netloc != own_host and not request.url.startswith("data:"):
                row["other_hosts"].append(request.url)
            kind = {"stylesheet": "css", "script": "js"}.get(request.resource_type)
            if kind is None:
                continue
            transferred = request.sizes()["responseBodySize"]
            answer = request.response()
            encoding = answer.headers.get("content-encoding", "identity") if answer else "?"
            row[kind] += transferred
            row["files"].append((urlsplit(request.url).path, transferred, encoding))
        # Failed requests count too: the browser asked for them.
        row["url"] = page.url
        return row
    finally:
        context.close()


def measure(base_url, pages):
    """[(name, row)] for every page of the plan, in one Chromium."""
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            for name, path, http in plan(base_url, pages):
                print(f"[page weight] {path}", file=sys.stderr, flush=True)
                rows.append((name, weigh(browser, base_url, path, http)))
        finally:
            browser.close()
    return rows


def misses(rows):
    found = []
    for name, row in rows:
        total_kb = (row["css"] + row["js"]) / 1024
        if row["status"] != 200:
            found.append(f"{name}: HTTP {row['status']}")
        if total_kb > BUDGET_KB:
            found.append(f"{name}: {total_kb:.1f} KB of CSS+JS transferred, over {BUDGET_KB} KB")
        if row["other_hosts"]:
            found.append(f"{name}: requests to other hosts: {', '.join(row['other_hosts'][:5])}")
    return found


def weight_table(rows):
    lines = [
        f"| page | HTTP | CSS KB | JS KB | CSS+JS KB (target ≤ {BUDGET_KB}) | requests"
        " | other hosts (target 0) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in rows:
        total = (row["css"] + row["js"]) / 1024
        mark = "" if total <= BUDGET_KB else " ✗"
        hosts = len(row["other_hosts"])
        lines.append(
            f"| {name} `{row['path']}` | {row['status']} | {row['css'] / 1024:.1f} | {row['js'] / 1024:.1f}"
            f" | {total:.1f}{mark} | {row['requests']} | {hosts}{'' if hosts == 0 else ' ✗'} |"
        )
    files = {}
    for _name, row in rows:
        for path, size, encoding in row["files"]:
            files[path] = (size, encoding)
    if files:
        lines += ["", "Files (as transferred):", ""]
        lines += [
            f"- `{path}` {size / 1024:.1f} KB ({encoding})"
            for path, (size, encoding) in sorted(files.items())
        ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report-only", action="store_true", help="print the table; exit 0 on misses")
    parser.add_argument("--fresh", action="store_true", help="migrate and load the demo into a new database")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from lighthouse import CannotRun, demo_shop

    try:
        with demo_shop(fresh=args.fresh) as (base_url, pages):
            rows = measure(base_url, pages)
    except CannotRun as exc:
        print(f"[page weight] cannot run: {exc}", file=sys.stderr)
        return 2
    print(weight_table(rows))
    missed = misses(rows)
    for message in missed:
        print(f"[page weight] MISSED: {message}", file=sys.stderr)
    return 1 if missed and not args.report_only else 0


if __name__ == "__main__":
    sys.exit(main())
