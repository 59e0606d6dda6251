"""`make screenshots`: the storefront's key pages at a desktop and a phone width, for docs/screenshots/.

    python bench/screenshots.py [--out docs/screenshots] [--fresh]

Starts the demo shop as `make lighthouse` does (bench/lighthouse.py: gunicorn, prod settings, its
own SQLite database under var/lighthouse/) and takes a full-page PNG of each page at 1366 px
(<name>-desktop.png) and 390 px (<name>-mobile.png), cut at 2400 px of height and reduced to 256
colours so the files stay small. The basket and the checkout are filled over HTTP and their cookies
given to the browser; the thank-you page is reached by going on through the checkout in the browser
(Dummy gateway); the account page by a customer signed in over HTTP. A page that cannot be reached
is reported and left out; the exit status is then 1.
"""

import argparse
import io
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "docs" / "screenshots"
WIDTHS = {"desktop": (1366, 900), "mobile": (390, 844)}
MAX_HEIGHT = 2400
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ADDRESS = [
    ("first name", "Оксана"),
    ("last name", "Коваль"),
    ("street|address line 1|line 1|first line", "вул. Хрещатик, 1"),
    ("city|town", "Київ"),
    ("post ?code|zip", "01001"),
]


def log(message):
    print(f"[screenshots] {message}", file=sys.stderr, flush=True)


def small_png(png_bytes):
    """The screenshot in 256 colours: a third of the size or less, still crisp for text and UI."""
    from PIL import Image

    image = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    reduced = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    reduced.save(out, format="PNG", optimize=True)
    return out.getvalue()


def shoot(page, name, out):
    """<name>-desktop.png and <name>-mobile.png of the page as it is now."""
    written = []
    for width_name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(150)  # let the layout settle after the resize
        full_height = page.evaluate("() => document.documentElement.scrollHeight")
        png = page.screenshot(
            full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(full_height, MAX_HEIGHT)}
        )
        path = out / f"{name}-{width_name}.png"
        path.write_bytes(small_png(png))
        written.append(path)
    log(f"{name}: " + ", ".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in written))
    return written


def main_region(page):
    main = page.get_by_role("main")
    return main.first if main.count() else page.locator("body")


def submit(page, name_pattern):
    button = main_region(page).get_by_role("button", name=re.compile(name_pattern, re.I)).first
    with page.expect_navigation():
        button.click()


def go_on_to_thank_you(page):
    """From the checkout's address step to the thank-you page, as a shopper would in the browser."""
    main = main_region(page)
    for label, value in ADDRESS:
        main.get_by_label(re.compile(label, re.I)).first.fill(value)
    country = main.get_by_label(re.compile("country", re.I))
    if country.count() and country.first.evaluate("el => el.tagName") == "SELECT":
        country.first.select_option("UA")
    submit(page, "continue")
    if "/checkout/shipping-method/" in page.url:
        main = main_region(page)
        radios = main.get_by_role("radio")
        if radios.count():
            radios.first.check()
        with page.expect_navigation():
            main.locator("button[type=submit], input[type=submit]").first.click()
    main = main_region(page)
    main.get_by_role("radio", name=re.compile("test|dummy", re.I)).or_(
        main.locator("#gateway-dummy")
    ).first.check()
    submit(page, "continue|review|preview")
    submit(page, "place order")
    page.wait_for_url("**/checkout/thank-you/")


def signed_in(base_url, shopper):
    """A requests session of the demo customer, signed in through Oscar's sign-in form."""
    from lighthouse import CannotRun, csrf_token, loopback_session

    http = loopback_session()
    login = base_url + "/accounts/login/"
    answer = http.post(
        login,
        data={
            "csrfmiddlewaretoken": csrf_token(http, login),
            "login-username": shopper["email"],
            "login-password": shopper["password"],
            "login_submit": "Log in",
        },
        headers={"Referer": login},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise CannotRun(f"signing in {shopper['email']} answered HTTP {answer.status_code}")
    return http


def take_all(base_url, pages, out):
    from lighthouse import guest_at_the_address_step, shopper_with_a_line
    from playwright.sync_api import sync_playwright

    missing = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:

            def page_with(http=None):
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                if http is not None:
                    context.add_cookies(
                        [{"name": c.name, "value": c.value, "url": base_url} for c in http.cookies]
                    )
                page = context.new_page()
                page.set_default_timeout(10_000)
                return page

            def visit(name, path, session=None, then=None):
                """Shoot one page; `session` makes the requests session whose cookies the browser gets."""
                try:
                    http = session() if session is not None else None
                except Exception as exc:  # the basket or sign-in over HTTP failed: say so, go on
                    missing.append(
                        f"{name} ({path}): {exc.__class__.__name__}: {str(exc).splitlines()[0][:200]}"
                    )
                    return
                page = page_with(http)
                try:
                    response = page.goto(base_url + path, wait_until="networkidle", timeout=60_000)
                    if response is None or response.status != 200:
                        raise RuntimeError(f"HTTP {response.status if response else 'no response'}")
                    shoot(page, name, out)
                    if then is not None:
                        then(page)
                except Exception as exc:  # one page that fails does not stop the others
                    missing.append(
                        f"{name} ({path}): {exc.__class__.__name__}: {str(exc).splitlines()[0][:200]}"
                    )
                finally:
                    page.context.close()

            def thank_you(page):
                go_on_to_thank_you(page)
                page.wait_for_load_state("networkidle")
                shoot(page, "thank-you", out)

            visit("home", pages["home"])
            visit("category", pages["category"])
            visit("product", pages["product"])
            visit("parent-product", pages["parent_product"])
            visit("search", pages["search"])
            if pages.get("campaign"):
                visit("campaign", pages["campaign"])
            visit("basket", "/basket/", lambda: shopper_with_a_line(base_url, pages))
            visit(
                "checkout-address",
                "/checkout/shipping-address/",
                lambda: guest_at_the_address_step(base_url, pages),
                then=thank_you,
            )
            visit("account", "/accounts/profile/", lambda: signed_in(base_url, pages["shopper"]))
        finally:
            browser.close()
    return missing


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--fresh", action="store_true", help="migrate and load the demo into a new database")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from lighthouse import CannotRun, demo_shop

    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with demo_shop(fresh=args.fresh) as (base_url, pages):
            missing = take_all(base_url, pages, args.out)
    except CannotRun as exc:
        log(f"cannot run: {exc}")
        return 2
    for entry in missing:
        log(f"NOT TAKEN: {entry}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
