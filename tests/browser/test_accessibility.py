"""axe-core in Chromium on every storefront page a shopper meets, at a desktop and a phone width.

Each page is loaded once and checked at both widths (the viewport is resized, axe runs again); a
violation of impact serious or critical of a WCAG 2.1 A/AA rule or a best-practice rule fails the
test. Every page is checked before the test fails, and the failure lists them all: page, width,
rule, the first targets and the rule's help URL. A page the walk could not reach is a failure too.

axe-core comes from the npm registry (tests/browser/js/, `make install-test` runs `npm ci`); it is
injected with add_script_tag in a context that bypasses the Content-Security-Policy, which would
otherwise refuse the injected script (tests/browser/test_content_security_policy_in_chromium.py
checks the policy itself).
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from tests.browser.checkout_steps import products_in_stock
from tests.browser.live_server_teardown import leave_quietly
from tests.service_markers import services_are_required

Category = get_model("catalogue", "Category")
Country = get_model("address", "Country")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
UserAddress = get_model("address", "UserAddress")

pytestmark = pytest.mark.browser

AXE_JS = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": (1366, 900), "mobile": (390, 844)}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING_IMPACTS = {"serious", "critical"}
TARGETS_SHOWN = 3
# A step of the walk that does not find its field or button gives up after this, not after 15 s.
STEP_TIMEOUT_MS = 5_000
GUEST_EMAIL = "axe-guest@example.com"
CUSTOMER_EMAIL = "axe-customer@example.com"
CUSTOMER_PASSWORD = "axe-customer-pass-1"
ADDRESS = {
    "first name": "Оксана",
    "last name": "Коваль",
    "street|address line 1|line 1|first line": "вул. Хрещатик, 1",
    "city|town": "Київ",
    "post ?code|zip": "01001",
}

AXE_RUN = """async (tags) => {
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        targets: v.nodes.map((n) => n.target.join(" ")),
    }));
}"""


@dataclass
class Audit:
    """What axe found on the pages so far, and the pages the walk could not reach."""

    page: object
    violations: list = field(default_factory=list)
    unreachable: list = field(default_factory=list)
    checked: list = field(default_factory=list)

    def check(self, name):
        """axe on the page as it is now, at each width; an error page is recorded, not checked."""
        if self.status is not None and self.status != 200:
            self.unreachable.append(f"{name} ({self.path()}): HTTP {self.status}")
            return
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.add_script_tag(path=str(AXE_JS))
        for width, height in WIDTHS.values():
            self.page.set_viewport_size({"width": width, "height": height})
            for violation in self.page.evaluate(AXE_RUN, AXE_TAGS):
                if violation["impact"] in FAILING_IMPACTS:
                    self.violations.append({"page": name, "width": width, "url": self.path(), **violation})
        self.checked.append(name)

    def visit(self, name, path):
        """Load `path` and check it; a page that does not answer 200 is recorded as unreachable."""
        try:
            response = self.page.goto(self.base_url + path)
        except Exception as exc:  # whatever stops the page loading, the audit goes on
            self.unreachable.append(f"{name} ({path}): {exc.__class__.__name__}: {first_line(exc)}")
            return False
        if response is None or response.status != 200:
            status = response.status if response is not None else "no response"
            self.unreachable.append(f"{name} ({path}): HTTP {status}")
            return False
        self.check(name)
        return True

    def step(self, name, action):
        """Run one step of a walk (a form to fill, a button to press); record why it failed."""
        try:
            action()
        except Exception as exc:  # the markup is being rewritten: say which step broke and go on
            self.unreachable.append(f"{name} (at {self.path()}): {exc.__class__.__name__}: {first_line(exc)}")
            return False
        return True

    def path(self):
        return self.page.url.removeprefix(self.base_url) or "/"

    base_url = ""
    status = None  # of the last page the main frame loaded

    def saw(self, response):
        if response.request.is_navigation_request() and response.frame == self.page.main_frame:
            if response.status < 300 or response.status >= 400:
                self.status = response.status

    def report(self):
        lines = []
        if self.violations:
            lines.append(
                f"{len(self.violations)} serious/critical axe violation(s)"
                f" on {len(self.checked)} page(s) checked:"
            )
            for v in sorted(self.violations, key=lambda v: (v["page"], v["width"], v["id"])):
                targets = ", ".join(v["targets"][:TARGETS_SHOWN])
                more = (
                    f" (+{len(v['targets']) - TARGETS_SHOWN} more)"
                    if len(v["targets"]) > TARGETS_SHOWN
                    else ""
                )
                lines.append(
                    f"  {v['page']} [{v['url']}] @{v['width']}px: {v['id']} ({v['impact']}) {v['help']}"
                    f" -> {targets}{more}  {v['helpUrl']}"
                )
        if self.unreachable:
            lines.append(f"{len(self.unreachable)} page(s)/step(s) the walk could not check:")
            lines.extend(f"  {entry}" for entry in self.unreachable)
        return "\n".join(lines)


def first_line(exc):
    return (str(exc).strip().splitlines() or [""])[0][:300]


@pytest.fixture
def axe_browser():
    """A headless Chromium for the test; axe-core must be installed (or CI fails).

    Per test, not per module: a browser stopped in the last test's teardown, between the flush of
    the test database and the restoring of what migrations made, spoils the restore."""
    if not AXE_JS.exists():
        reason = (
            f"needs axe-core at {AXE_JS}"
            " (make install-test runs `npm ci --prefix tests/browser/js`; node and npm must be installed)"
        )
        if services_are_required():
            pytest.fail(f"REQUIRE_SERVICES=1 but this browser test {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def audit(axe_browser, live_server):
    # bypass_csp only so that add_script_tag can inject axe-core: the pages are the shop's own.
    context = axe_browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.set_default_navigation_timeout(20_000)
    found = Audit(page)
    found.base_url = live_server.url
    page.on("response", found.saw)
    try:
        yield found
    finally:
        leave_quietly(page)


def main_region(page):
    """The page's main landmark, or the whole page when it has none (axe reports that separately)."""
    main = page.get_by_role("main")
    return main.first if main.count() else page.locator("body")


def submit(page, name_pattern):
    """Press the form's submit button whose accessible name matches, inside the main content."""
    button = main_region(page).get_by_role("button", name=re.compile(name_pattern, re.I)).first
    with page.expect_navigation():
        button.click()


def fill_address(page):
    main = main_region(page)
    for label, value in ADDRESS.items():
        main.get_by_label(re.compile(label, re.I)).first.fill(value)
    country = main.get_by_label(re.compile("country", re.I))
    if country.count() and country.first.evaluate("el => el.tagName") == "SELECT":
        country.first.select_option("UA")


def storefront_pages():
    """(name, path) of the pages anyone can open, from the demo shop's data."""
    standalone = products_in_stock(1)[0]
    parent = Product.objects.browsable().filter(structure="parent").order_by("pk").first()
    category = (
        Category.objects.filter(product__in=Product.objects.browsable()).distinct().order_by("path").first()
    )
    word = max(standalone.title.split(), key=len)
    pages = [
        ("home", "/"),
        ("category", category.get_absolute_url()),
        ("product (standalone)", standalone.get_absolute_url()),
        ("product (parent with variants)", parent.get_absolute_url()),
        ("search results", f"/search/?q={word}"),
        ("sign-in and registration", reverse("customer:login")),
    ]
    from cms.journal import ArticlePage
    from cms.landing import LandingPage

    campaign = LandingPage.objects.live().public().order_by("path").first()
    article = ArticlePage.objects.live().public().order_by("path").first()
    pages.append(("campaign (landing page)", campaign.url))
    pages.append(("journal article", article.url))
    return pages, standalone, word


def test_storefront_and_guest_checkout_pages_have_no_serious_axe_violations(
    committed_demo_shop, live_server, audit
):
    page = audit.page
    pages, product, word = storefront_pages()
    for name, path in pages:
        if (
            audit.visit(name, path)
            and name == "search results"
            and product.title not in page.locator("body").inner_text()
        ):
            audit.unreachable.append(f"search results for {word!r}: {product.title!r} is not among them")

    # the guest checkout, step by step, with a line in the basket
    def add_product():
        page.goto(live_server.url + product.get_absolute_url())
        submit(page, "add to basket|add to cart")

    steps = [
        ("add to basket", add_product),
        (
            "basket with a line",
            lambda: (
                open_page(page, live_server.url + reverse("basket:summary")),
                audit.check("basket with a line"),
            ),
        ),
        (
            "checkout gateway",
            lambda: (
                open_page(page, live_server.url + reverse("checkout:index")),
                audit.check("checkout gateway"),
            ),
        ),
        ("continue as a guest", lambda: guest_gateway(page)),
        ("shipping address", lambda: audit.check("shipping address")),
        ("shipping address submitted empty", lambda: submit_empty(page)),
        ("shipping address with errors", lambda: audit.check("shipping address with errors")),
        ("fill the shipping address", lambda: (fill_address(page), submit(page, "continue"))),
        ("shipping method", lambda: shipping_method(audit)),
        ("payment", lambda: audit.check("payment")),
        ("choose the Dummy gateway", lambda: choose_dummy_and_continue(page)),
        ("preview", lambda: audit.check("preview")),
        ("place the order", lambda: submit(page, "place order")),
        ("thank-you", lambda: (page.wait_for_url("**/checkout/thank-you/"), audit.check("thank-you"))),
    ]
    for name, action in steps:
        if not audit.step(name, action):
            audit.unreachable.append(f"the rest of the checkout after {name!r} was not checked")
            break
    else:
        order = Order.objects.filter(guest_email=GUEST_EMAIL).order_by("-pk").first()
        if order is None:
            audit.unreachable.append("guest order status: the walk placed no order")
        else:
            status_path = reverse(
                "customer:anon-order",
                kwargs={"order_number": order.number, "hash": order.verification_hash()},
            )
            audit.visit("guest order status", status_path)

    assert not (audit.violations or audit.unreachable), audit.report()


def test_signed_in_customer_account_pages_have_no_serious_axe_violations(
    committed_demo_shop, live_server, audit
):
    from oscar.test.factories import create_order

    # profile, orders, an order, addresses of a customer who signs in through the shop's form
    check_account_pages(audit, create_order())

    assert not (audit.violations or audit.unreachable), audit.report()


def open_page(page, url):
    response = page.goto(url)
    status = response.status if response is not None else "no response"
    if status != 200:
        raise AssertionError(f"{url} answered HTTP {status}")


def submit_empty(page):
    """Send the address form empty, past the browser's own checks, so that the shop's errors show."""
    main_region(page).locator("form").evaluate_all(
        "(forms) => forms.forEach((f) => { f.noValidate = true; })"
    )
    submit(page, "continue")
    shown = page.locator("[aria-invalid=true], [role=alert], .field__error, .errorlist, .invalid-feedback")
    if "/checkout/shipping-address/" not in page.url or not shown.count():
        raise AssertionError(f"the empty address form led to {page.url} without showing what is missing")


def guest_gateway(page):
    main = main_region(page)
    main.get_by_label(re.compile("email", re.I)).first.fill(GUEST_EMAIL)
    guest = main.get_by_role("radio", name=re.compile("guest", re.I))
    if guest.count():
        guest.first.check()
    submit(page, "continue")
    if "/checkout/shipping-address/" not in page.url:
        raise AssertionError(f"continuing as a guest led to {page.url}, not the shipping address")


def shipping_method(audit):
    page = audit.page
    if "/checkout/shipping-method/" not in page.url:
        return  # one method only: Oscar skips the step
    audit.check("shipping method")
    main = main_region(page)
    radios = main.get_by_role("radio")
    if radios.count():
        radios.first.check()
    with page.expect_navigation():
        main.locator("button[type=submit], input[type=submit]").first.click()


def choose_dummy_and_continue(page):
    main = main_region(page)
    dummy = main.get_by_role("radio", name=re.compile("test|dummy", re.I)).or_(main.locator("#gateway-dummy"))
    dummy.first.check()
    submit(page, "continue|review|preview")


def check_account_pages(audit, order):
    """A signed-in customer's account pages, with `order` made theirs so that it is listed."""
    page = audit.page
    customer = signed_up_customer()
    UserAddress.objects.create(
        user=customer,
        first_name="Оксана",
        last_name="Коваль",
        line1="вул. Хрещатик, 1",
        line4="Київ",
        postcode="01001",
        country=Country.objects.get(iso_3166_1_a2="UA"),
    )
    pages = [
        ("account profile", reverse("customer:profile-view")),
        ("order history", reverse("customer:order-list")),
        ("address book", reverse("customer:address-list")),
    ]
    if order is not None:
        Order.objects.filter(pk=order.pk).update(user=customer)
        pages.insert(2, ("order detail", reverse("customer:order", kwargs={"order_number": order.number})))
    else:
        audit.unreachable.append("order detail: the walk placed no order to show")
    # Signed in through the shop's own form, by the browser context's HTTP client (its cookies are
    # the pages'): the form's fields are Oscar's, whatever the page around them looks like.
    login = audit.base_url + reverse("customer:login")
    form = page.context.request.get(login).text()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    if token is None:
        audit.unreachable.append("account pages: the sign-in page has no form with a CSRF token")
        return
    answer = page.context.request.post(
        login,
        form={
            "csrfmiddlewaretoken": token.group(1),
            "login-username": CUSTOMER_EMAIL,
            "login-password": CUSTOMER_PASSWORD,
            "login_submit": "Log in",
        },
        headers={"Referer": login},
        max_redirects=0,
    )
    if answer.status != 302:
        audit.unreachable.append(f"account pages: signing in answered HTTP {answer.status}, not a redirect")
        return
    for name, path in pages:
        audit.visit(name, path)
        if "/accounts/login/" in page.url:
            audit.unreachable.append(f"{name}: the signed-in customer was sent to sign in")


def signed_up_customer():
    User = get_user_model()
    customer = User(email=CUSTOMER_EMAIL, first_name="Оксана", last_name="Коваль", is_active=True)
    if User.USERNAME_FIELD != "email":
        setattr(customer, User.USERNAME_FIELD, CUSTOMER_EMAIL.split("@")[0])
    customer.set_password(CUSTOMER_PASSWORD)
    customer.save()
    return customer
