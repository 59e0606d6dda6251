"""Redis killed under a running shop: pages, baskets and sign-in carry on from the database, and the
cache is used again once Redis is back. The server is a real process on its own Redis (conftest)."""

import re
import time

import pytest
import requests
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory

from tests.asgi_server import running_asgi_server

Product = get_model("catalogue", "Product")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1"
# How long the server leaves a failed Redis alone (REDIS_CACHE_OUTAGE_RETRY_SECONDS); short to keep
# the test quick, the production default is 5 s.
OUTAGE_RETRY_SECONDS = "1"
RECOVERY_SECONDS = 60


@pytest.fixture
def shop_on_own_redis(committed_demo_shop, own_redis, tmp_path, monkeypatch):
    monkeypatch.setenv("REDIS_CACHE_OUTAGE_RETRY_SECONDS", OUTAGE_RETRY_SECONDS)
    with running_asgi_server(tmp_path, own_redis.url) as server:
        yield server


class Shopper:
    """A browser: a cookie jar, and forms posted with the CSRF token of the page they are on."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.session = requests.Session()

    def get(self, path):
        return self.session.get(self.base_url + path, timeout=30, allow_redirects=False)

    def post_form(self, page_path, action_path, fields):
        page = self.session.get(self.base_url + page_path, timeout=30)
        assert page.status_code == 200, (page_path, page.status_code)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.session.post(
            self.base_url + action_path,
            data={"csrfmiddlewaretoken": token, **fields},
            headers={"Referer": self.base_url + page_path},
            timeout=30,
            allow_redirects=False,
        )

    def sign_in(self, email):
        return self.post_form(
            "/accounts/login/",
            "/accounts/login/",
            {"login-username": email, "login-password": PASSWORD, "login_submit": "Log In"},
        )

    def add_to_basket(self, product):
        return self.post_form(product.get_absolute_url(), f"/basket/add/{product.pk}/", {"quantity": "1"})

    def is_signed_in(self):
        return self.get("/accounts/profile/").status_code == 200


SIGN_IN_PAGE = "/accounts/login/"


def storefront_pages(product):
    word = product.title.split()[0]
    return ["/", "/catalogue/", product.get_absolute_url(), "/basket/", f"/search/?q={word}", SIGN_IN_PAGE]


def all_answer(pages, signed_in=False):
    """Every page 200; the sign-in page sends a signed-in shopper on to the account instead."""
    return {**dict.fromkeys(pages, 200), **({SIGN_IN_PAGE: 302} if signed_in else {})}


def statuses(shopper, paths):
    return {path: shopper.get(path).status_code for path in paths}


def cached_keys(redis_server):
    return [key.decode() for key in redis_server.client().keys("ptashka:*")]


def test_the_storefront_serves_from_the_database_while_redis_is_down_and_uses_it_again_after(
    shop_on_own_redis, own_redis, capsys
):
    server = shop_on_own_redis
    product = next(
        p
        for p in Product.objects.browsable().filter(structure="standalone").order_by("pk")
        if any(stock.net_stock_level > 0 for stock in p.stockrecords.all())
    )
    UserFactory(email="olena@example.com", password=PASSWORD)
    pages = storefront_pages(product)
    regular = Shopper(server.url)

    # given a shopper browsing, signed in and with a basket while Redis is up
    started = time.monotonic()
    assert statuses(regular, pages) == all_answer(pages)
    seconds_up = time.monotonic() - started
    assert regular.sign_in("olena@example.com").status_code == 302
    assert regular.add_to_basket(product).status_code == 302
    keys = cached_keys(own_redis)
    assert any("sessions.cached_db" in key for key in keys), keys
    assert len(keys) > 1  # pages' fragments, thumbnails, rate-limit counters

    # when Redis is killed
    own_redis.kill()

    # then every page still answers, for the shopper already signed in and for a newcomer
    started = time.monotonic()
    assert statuses(regular, pages) == all_answer(pages, signed_in=True)
    seconds = time.monotonic() - started
    assert regular.is_signed_in()
    assert product.title in regular.get("/basket/").text
    newcomer = Shopper(server.url)
    assert statuses(newcomer, pages) == all_answer(pages)
    assert newcomer.add_to_basket(product).status_code == 302
    assert product.title in newcomer.get("/basket/").text
    assert newcomer.sign_in("olena@example.com").status_code == 302
    assert newcomer.is_signed_in()
    # and the readiness probe still tells the load balancer the cache is down
    ready = newcomer.get("/readyz")
    assert ready.status_code == 503
    assert "cache" in ready.json()["failed"]
    assert "Redis cache" in server.log() and "is unreachable" in server.log()
    with capsys.disabled():
        print(f"\n{len(pages)} storefront pages: {seconds_up:.2f} s with Redis up, {seconds:.2f} s killed")

    # when Redis comes back (empty, as after a crash)
    own_redis.start()

    # then the pages fill the cache again, and nobody was signed out or lost a basket
    deadline = time.monotonic() + RECOVERY_SECONDS
    while not cached_keys(own_redis):
        assert time.monotonic() < deadline, "the shop did not use Redis again after it came back"
        assert statuses(newcomer, pages) == all_answer(pages, signed_in=True)
        time.sleep(0.2)
    assert statuses(regular, pages) == all_answer(pages, signed_in=True)
    assert regular.is_signed_in() and newcomer.is_signed_in()
    assert product.title in regular.get("/basket/").text
    assert newcomer.get("/readyz").json()["checks"]["cache"] == "ok"
