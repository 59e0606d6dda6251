"""The pure half of `make bench`: wrk's report line parsed, issue #12's targets judged, RESULTS.md written.

Nothing here starts a process or opens a socket, so the suite tests it on made-up numbers
(tests/unit/bench/test_report.py); bench/run.py feeds it the measured ones.
"""

import json
import statistics

WRK_MARKER = "BENCH_JSON "

# Page keys in the order RESULTS.md lists them, with the words a reader sees.
PAGE_LABELS = {
    "home": "home `/`",
    "campaign": "campaign page",
    "catalogue": "`/catalogue/`",
    "category": "a category",
    "product_variants": "product with variants",
    "product_standalone": "standalone product",
    "search": "`/search/?q=…` (4 connections)",
    "basket_1": "basket, 1 line",
    "basket_10": "basket, 10 lines",
    "api_products": "`/api/products/`",
}
VARIANT_LABELS = {
    "anonymous": "anonymous",
    "uncached": "signed in + basket",
    "shopper": "signed-in shopper",
}

# Issue #12's query budgets, by page key: the count measured for a signed-in shopper (the cache
# cannot answer for them, so this is what the page really costs).
QUERY_BUDGETS = {
    "home": 15,
    "catalogue": 12,
    "category": 12,
    "product_variants": 15,
    "product_standalone": 15,
    "search": 12,
    "basket_1": 15,
    "basket_10": 15,
    "api_products": 8,
}
UNCACHED_PAGES = ("catalogue", "category", "product_variants", "product_standalone")
CACHED_PAGES = ("home", "campaign", "category", "product_variants", "product_standalone", "search")
PRODUCT_PAGES = ("product_variants", "product_standalone")
LARGE_CATALOGUE = 100_000


class WrkReportMissing(ValueError):
    """wrk printed no report line: it could not connect, or the Lua script failed."""


def parse_wrk_report(stdout):
    """The dict the Lua script's done() printed; the last report line wins."""
    lines = [line for line in stdout.splitlines() if line.startswith(WRK_MARKER)]
    if not lines:
        tail = stdout.strip().splitlines()[-5:]
        raise WrkReportMissing("wrk printed no BENCH_JSON line; its output ended with: " + " | ".join(tail))
    report = json.loads(lines[-1][len(WRK_MARKER) :])
    report["socket_errors_total"] = sum(report.get("socket_errors", {}).values())
    return report


def ceiling_requests_per_s(ceiling_runs):
    """The median of the ceiling's runs: one slow run (another process took the CPU) does not move it."""
    values = [run["requests_per_s"] for run in ceiling_runs]
    return statistics.median(values) if values else None


def ratio(numerator, denominator):
    # A page measured at 0 req/s (its server died) is 0 ×, not "not measured".
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def find_measurement(results, site, page, variant):
    for measurement in results["measurements"]:
        if measurement["site"] == site and measurement["page"] == page and measurement["variant"] == variant:
            return measurement
    return None


def signed_in_queries(results, site, page):
    """The query count of a page for a signed-in shopper, the cost no cache hides."""
    counts = results.get("queries", {}).get(site, {}).get(page, {})
    return counts.get("signed_in")


def _verdict(target, measured, met):
    return {"target": target, "measured": measured, "met": met}


def _fmt(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}"


def target_verdicts(results, previous=None):
    """Each of issue #12's targets with what this run measured and met (True), not met (False) or
    could not be judged in this run (None). `previous` is the results of the run at the other
    catalogue size, for the "flat from 10k to 100k" target."""
    products = results["run"]["products"]
    large = products >= LARGE_CATALOGUE
    verdicts = []

    floor = 200 if large else 300
    for page in UNCACHED_PAGES:
        measurement = find_measurement(results, "ptashka", page, "uncached")
        label = PAGE_LABELS[page]
        if measurement is None:
            verdicts.append(_verdict(f"{label} uncached ≥ {floor} req/s, p95 ≤ 100 ms", "not measured", None))
            continue
        wrk = measurement["wrk"]
        verdicts.append(
            _verdict(
                f"{label} uncached ≥ {floor} req/s, p95 ≤ 100 ms",
                f"{_fmt(wrk['requests_per_s'])} req/s, p95 {_fmt(wrk['latency_ms']['p95'])} ms",
                wrk["requests_per_s"] >= floor and wrk["latency_ms"]["p95"] <= 100,
            )
        )

    for page in PRODUCT_PAGES:
        ours = find_measurement(results, "ptashka", page, "uncached")
        stock = find_measurement(results, "stock", page, "uncached") or find_measurement(
            results, "stock", page, "anonymous"
        )
        times = ratio(ours and ours["wrk"]["requests_per_s"], stock and stock["wrk"]["requests_per_s"])
        verdicts.append(
            _verdict(
                f"{PAGE_LABELS[page]} uncached ≥ 5× stock Oscar",
                "not measured" if times is None else f"{times:.2f}×",
                None if times is None else times >= 5,
            )
        )

    ceiling = results.get("ceiling", {}).get("requests_per_s")
    for page in CACHED_PAGES:
        measurement = find_measurement(results, "ptashka", page, "anonymous")
        label = PAGE_LABELS[page]
        share = ratio(measurement and measurement["wrk"]["requests_per_s"], ceiling)
        if share is None:
            verdicts.append(
                _verdict(f"{label} anonymous ≥ 50 % of ceiling, p95 ≤ 20 ms", "not measured", None)
            )
            continue
        p95 = measurement["wrk"]["latency_ms"]["p95"]
        verdicts.append(
            _verdict(
                f"{label} anonymous ≥ 50 % of ceiling, p95 ≤ 20 ms",
                f"{share:.1%} of ceiling, p95 {_fmt(p95)} ms",
                share >= 0.5 and p95 <= 20,
            )
        )

    search = find_measurement(results, "ptashka", "search", "anonymous")
    limit = 100 if large else 50
    verdicts.append(
        _verdict(
            f"search p95 ≤ {limit} ms (4 connections)",
            "not measured" if search is None else f"p95 {_fmt(search['wrk']['latency_ms']['p95'])} ms",
            None if search is None else search["wrk"]["latency_ms"]["p95"] <= limit,
        )
    )

    for page, budget in QUERY_BUDGETS.items():
        count = signed_in_queries(results, "ptashka", page)
        verdicts.append(
            _verdict(
                f"{PAGE_LABELS[page]} ≤ {budget} queries (signed in)",
                "not measured" if count is None else f"{count} queries",
                None if count is None else count <= budget,
            )
        )

    checkout = results.get("checkout")
    if checkout:
        verdicts.append(
            _verdict(
                "API checkout ≥ 30 orders/s, 0 oversold",
                f"{_fmt(checkout['orders_per_s'])} orders/s, {checkout['oversold']} oversold",
                checkout["orders_per_s"] >= 30 and checkout["oversold"] == 0,
            )
        )
    else:
        verdicts.append(_verdict("API checkout ≥ 30 orders/s, 0 oversold", "not measured", None))

    workers = results.get("memory", {}).get("ptashka", [])
    largest = max((worker["rss_mb"] for worker in workers), default=None)
    verdicts.append(
        _verdict(
            "worker memory ≤ 300 MB after the 100k run",
            "not measured"
            if largest is None
            else f"largest worker {largest:.0f} MB at {products:,} products",
            None if largest is None or not large else largest <= 300,
        )
    )

    verdicts.append(_flat_cost_verdict(results, previous))
    return verdicts


def _flat_cost_verdict(results, previous):
    """Uncached req/s at 100k within 1/1.5 of 10k's (about what noise on a shared box allows)."""
    target = "uncached cost flat from 10k to 100k products"
    if not previous or previous["run"]["products"] == results["run"]["products"]:
        return _verdict(target, "needs a 10k and a 100k run", None)
    small, large = sorted((results, previous), key=lambda run: run["run"]["products"])
    ratios = []
    for page in UNCACHED_PAGES:
        before = find_measurement(small, "ptashka", page, "uncached")
        after = find_measurement(large, "ptashka", page, "uncached")
        if before and after:
            ratios.append(ratio(after["wrk"]["requests_per_s"], before["wrk"]["requests_per_s"]) or 0)
    if not ratios:
        return _verdict(target, "not measured", None)
    worst = min(ratios)
    return _verdict(target, f"slowest page keeps {worst:.0%} of its 10k req/s at 100k", worst >= 1 / 1.5)


def _mark(met):
    return {True: "**met**", False: "**NOT MET**", None: "n/a"}[met]


def _page_rows(results):
    ceiling = results.get("ceiling", {}).get("requests_per_s")
    rows = []
    for measurement in results["measurements"]:
        if measurement["site"] != "ptashka":
            continue
        page, variant = measurement["page"], measurement["variant"]
        stock = find_measurement(results, "stock", page, variant)
        rows.append((measurement, stock, ratio(measurement["wrk"]["requests_per_s"], ceiling)))
    # Pages only the stock site was measured on still get their row.
    for measurement in results["measurements"]:
        if measurement["site"] == "stock" and not find_measurement(
            results, "ptashka", measurement["page"], measurement["variant"]
        ):
            rows.append((None, measurement, None))
    return rows


def _cells(measurement):
    if measurement is None:
        return ["—"] * 6
    wrk = measurement["wrk"]
    latency = wrk["latency_ms"]
    return [
        _fmt(wrk["requests_per_s"]),
        f"{_fmt(latency['p50'])} / {_fmt(latency['p95'])} / {_fmt(latency['p99'])}",
        "—" if measurement.get("queries") is None else str(measurement["queries"]),
        f"{wrk['bytes_per_response']:,.0f}",
        str(wrk["non_2xx"]) if not wrk["non_2xx"] else f"**{wrk['non_2xx']} ⚠**",
        str(wrk.get("socket_errors_total", 0)),
    ]


def render_results(results, previous=None):
    """RESULTS.md for one run, as text."""
    run = results["run"]
    machine = run["machine"]
    ceiling = results.get("ceiling", {})
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (bench/run.py) on {run['date']}; rewritten by every run. "
        f"Raw numbers: `{run['raw_json']}`.",
        "",
        f"- **command**: `{run['command']}`",
        f"- **catalogue**: {run['products']:,} products in {run['categories']} categories "
        f"(seed {run['seed']})",
        f"- **machine**: {machine['cpu']}, {machine['cores']} cores, {machine['ram_gb']:.1f} GB RAM; "
        f"{machine['postgres']}; Redis {machine['redis']}",
        f"- **load**: `wrk -t2 -c16 -d{run['seconds']}s --latency` (search: `-c4`), servers alternated "
        "page by page; gunicorn " + run["gunicorn"],
        f"- **wall time**: {run['wall_seconds']:.0f} s",
        "",
    ]
    if run.get("warnings"):
        lines += ["## Warnings", ""] + [f"- ⚠ {warning}" for warning in run["warnings"]] + [""]
    non_2xx = [m for m in results["measurements"] if m["wrk"]["non_2xx"]]
    if non_2xx:
        lines += [
            "## ⚠ NON-2xx ANSWERS DURING THE LOAD",
            "",
            *(
                f"- **{m['site']} {m['page']} ({m['variant']})**: {m['wrk']['non_2xx']} of "
                f"{m['wrk']['requests']} answers were not 2xx (first: {m['wrk']['first_bad_status']})"
                for m in non_2xx
            ),
            "",
        ]
    lines += [
        "## Pages",
        "",
        f"Ceiling (a fixed 20 KB page from a minimal Django view, same gunicorn): "
        f"**{_fmt(ceiling.get('requests_per_s'))} req/s** (median of {len(ceiling.get('runs', []))} runs: "
        + ", ".join(_fmt(r["requests_per_s"], 0) for r in ceiling.get("runs", []))
        + ").",
        "",
        "Queries: a page's second GET through Django's test client with the server's settings and "
        "database; bytes: wrk's average per response, headers included.",
        "",
        "| page | as | Ptashka req/s | p50 / p95 / p99 ms | queries | bytes | non-2xx | socket err "
        "| stock req/s | stock p50 / p95 / p99 ms | stock queries | stock bytes | × stock | × ceiling |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for ours, stock, share in _page_rows(results):
        any_side = ours or stock
        times = ratio(ours and ours["wrk"]["requests_per_s"], stock and stock["wrk"]["requests_per_s"])
        stock_cells = _cells(stock)
        lines.append(
            "| "
            + " | ".join(
                [
                    PAGE_LABELS.get(any_side["page"], any_side["page"]),
                    VARIANT_LABELS.get(any_side["variant"], any_side["variant"]),
                    *_cells(ours),
                    *stock_cells[:4],
                    "—" if times is None else f"{times:.2f}×",
                    "—" if share is None else f"{share:.1%}",
                ]
            )
            + " |"
        )
    lines += ["", "## Targets of issue #12", "", "| target | measured | verdict |", "|---|---|---|"]
    for verdict in target_verdicts(results, previous):
        lines.append(f"| {verdict['target']} | {verdict['measured']} | {_mark(verdict['met'])} |")

    profile_lines = render_profile(results)
    if profile_lines:
        lines += [""] + profile_lines

    checkout = results.get("checkout")
    lines += ["", "## API checkout (Dummy gateway)", ""]
    if checkout:
        lines += [
            f"{checkout['threads']} threads, each its own guest session, add one product through `/api/` and "
            f"check out, for {checkout['seconds']:.0f} s: **{_fmt(checkout['orders_per_s'])} orders/s** "
            f"({checkout['orders']} orders; {checkout['refused_out_of_stock']} refused as out of stock; "
            f"{checkout['errors']} errors{_first_error(checkout)}). Oversold after the run (SQL): "
            f"**{checkout['oversold']}** ({checkout['over_allocated_records']} stock records with more "
            f"allocated than in stock, {checkout['oversold_records']} with more units ordered than stock).",
        ]
    else:
        lines.append("not measured")

    lines += ["", "## Memory after the run", "", "| site | workers | RSS per worker (MB) |", "|---|---:|---|"]
    for site, workers in results.get("memory", {}).items():
        lines.append(
            f"| {site} | {len(workers)} | " + ", ".join(f"{w['rss_mb']:.0f}" for w in workers) + " |"
        )
    if results.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {note}" for note in results["notes"]]
    return "\n".join(lines) + "\n"


# The areas of bench/site_probe.py's profile, in the order RESULTS.md shows them.
PROFILE_AREAS = (
    "templates",
    "basket and offers",
    "ORM (building SQL, making objects)",
    "database (waiting on PostgreSQL)",
    "URL reversing",
    "translation",
    "Redis and the cache",
    "other Python (middleware, views, pricing, …)",
)
PROFILE_VARIANTS = {"signed_in": "signed in + basket", "anonymous": "anonymous (cache hit)"}
UNCACHED_FLOOR = 300


def _profile_rows(results):
    rows = []
    for site in ("ptashka", "stock"):
        for profile in results.get("profiles", {}).get(site, []):
            rows.append((site, profile))
    return rows


def render_profile(results):
    """The "where the time goes" section: each profiled page's ms per request and its areas' shares."""
    rows = _profile_rows(results)
    if not rows:
        return []
    cores = results["run"]["machine"].get("cores") or 1
    budget = cores * 1000 / UNCACHED_FLOOR
    lines = [
        "## Where a page's time goes",
        "",
        "Each page GET up to 20 times in one process of the site (Django's test client, the server's "
        "settings and database, no load): ms per request without a profiler, then each area's share of "
        "the time under cProfile (bench/site_probe.py `profile`). A C function's time (a socket read, "
        "`getattr`) counts in the area that called it.",
        "",
        "| site | page | as | ms per request | " + " | ".join(PROFILE_AREAS) + " |",
        "|---|---|---|---:|" + "---:|" * len(PROFILE_AREAS),
    ]
    for site, profile in rows:
        shares = profile["shares"]
        lines.append(
            "| "
            + " | ".join(
                [
                    site,
                    PAGE_LABELS.get(profile["key"], profile["key"]),
                    PROFILE_VARIANTS.get(profile["variant"], profile["variant"]),
                    _fmt(profile["ms_per_request"]),
                    *(f"{shares.get(area, 0.0):.0%}" for area in PROFILE_AREAS),
                ]
            )
            + " |"
        )
    ours = [
        profile
        for site, profile in rows
        if site == "ptashka" and profile["variant"] == "signed_in" and profile["key"] in UNCACHED_PAGES
    ]
    if ours:
        fastest = min(ours, key=lambda profile: profile["ms_per_request"])
        areas = sorted(fastest["shares"].items(), key=lambda item: item[1], reverse=True)[:3]
        biggest = "; ".join(
            f"{area} {fastest['ms_per_request'] * share:.1f} ms" for area, share in areas if share > 0
        )
        lines += [
            "",
            f"{UNCACHED_FLOOR} req/s on {cores} cores leaves each page {budget:.1f} ms of CPU. The fastest "
            f"uncached page here, {PAGE_LABELS.get(fastest['key'], fastest['key'])}, takes "
            f"{fastest['ms_per_request']:.1f} ms in one process with no other load "
            f"({fastest['ms_per_request'] / budget:.1f}× the budget); its largest areas: {biggest}.",
        ]
    return lines


def _first_error(checkout):
    return f"; first: {checkout['first_error']}" if checkout.get("first_error") else ""
