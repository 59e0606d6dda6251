"""The full-page cache: who gets stored pages, what each hit makes fresh, and every way a page goes stale."""

import re
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Revision

from cms.navigation import AnnouncementBar, Footer
from cms.standard import StandardPage

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
ConditionalOffer = get_model("offer", "ConditionalOffer")

TOKEN_IN_FORM = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
NONCE_IN_BODY = re.compile(r'nonce="([A-Za-z0-9+/=]+)"')
NONCE_IN_POLICY = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")


def primed(anonymous_get, path):
    """The path answered once so it is stored; the next anonymous GET is a hit."""
    first = anonymous_get(path)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    return first


def publish_standard_page(parent, title, body="<p>Hand-painted in Kosiv.</p>", **fields):
    page = StandardPage(title=title, slug=title.lower().replace(" ", "-"), **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# --- hits ---------------------------------------------------------------------------------------


def test_second_anonymous_visit_is_a_hit_with_its_own_nonce(home_page, anonymous_get):
    first = primed(anonymous_get, "/")

    hit = anonymous_get("/")

    assert hit.status_code == 200
    assert hit["X-Cache"] == "hit"
    body_nonces = set(NONCE_IN_BODY.findall(hit.content.decode()))
    policy_nonce = NONCE_IN_POLICY.search(hit["Content-Security-Policy"]).group(1)
    assert body_nonces == {policy_nonce}
    assert policy_nonce != NONCE_IN_POLICY.search(first["Content-Security-Policy"]).group(1)
    assert "ptashka-page-cache" not in hit.content.decode()


def test_a_hit_gives_a_first_time_visitor_a_csrf_secret_of_their_own(home_page, anonymous_get):
    first = primed(anonymous_get, "/")

    hit = anonymous_get("/")

    secret = hit.cookies["csrftoken"].value
    assert secret != first.cookies["csrftoken"].value
    tokens = TOKEN_IN_FORM.findall(hit.content.decode())
    assert tokens, "the language form carries a token"
    assert {_unmask_cipher_token(token) for token in tokens} == {secret}


def test_a_hit_keeps_the_csrf_secret_a_returning_visitor_already_has(home_page, anonymous_get):
    primed(anonymous_get, "/")
    visitor = Client()
    visitor.cookies["csrftoken"] = "a" * 32

    hit = visitor.get("/")

    assert hit["X-Cache"] == "hit"
    assert "csrftoken" not in hit.cookies
    tokens = TOKEN_IN_FORM.findall(hit.content.decode())
    assert {_unmask_cipher_token(token) for token in tokens} == {"a" * 32}


def test_cached_product_page_lets_a_visitor_without_javascript_add_to_basket(small_shop, anonymous_get):
    product = small_shop.add_product(title="Kosiv jug")
    primed(anonymous_get, product.get_absolute_url())
    visitor = Client(enforce_csrf_checks=True)

    page = visitor.get(product.get_absolute_url())
    add_url = re.escape(reverse("basket:add", args=[product.pk]))
    add_form_token = rf'action="{add_url}".*?name="csrfmiddlewaretoken" value="([A-Za-z0-9]{{64}})"'
    token = re.search(add_form_token, page.content.decode(), re.S).group(1)
    added = visitor.post(
        reverse("basket:add", args=[product.pk]), {"quantity": 1, "csrfmiddlewaretoken": token}
    )

    assert page["X-Cache"] == "hit"
    assert added.status_code == 302
    assert Basket.objects.get().num_items == 1


def test_languages_are_stored_apart(home_page, anonymous_get):
    primed(anonymous_get, "/")

    ukrainian = anonymous_get("/", **{"Accept-Language": "uk"})

    assert ukrainian["X-Cache"] == "miss"
    assert ukrainian["Content-Language"] == "uk"


def test_search_results_are_stored_per_query(small_shop, anonymous_get):
    small_shop.add_product(title="Kosiv jug")
    small_shop.add_product(title="Linen towel")
    primed(anonymous_get, "/search/?q=jug")

    again = anonymous_get("/search/?q=jug")
    other = anonymous_get("/search/?q=towel")

    assert again["X-Cache"] == "hit"
    assert other["X-Cache"] == "miss"
    assert "Linen towel" in other.content.decode()


# --- who is never served a stored page ----------------------------------------------------------


def test_signed_in_shopper_bypasses_the_cache(home_page, shopper, anonymous_get):
    primed(anonymous_get, "/")
    client = Client()
    client.force_login(shopper)

    page = client.get("/")

    assert page["X-Cache"] == "bypass"
    assert b"logout_link" in page.content


def test_visitor_with_a_basket_bypasses_the_cache_and_sees_their_total(small_shop, anonymous_get):
    product = small_shop.add_product(title="Kosiv jug", price="19.50")
    primed(anonymous_get, "/catalogue/")
    client = Client()
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 2})

    page = client.get("/catalogue/")

    assert page["X-Cache"] == "bypass"
    assert "39.00" in page.content.decode()


@pytest.mark.parametrize("path", ["/basket/", "/accounts/login/", "/healthz", "/visitor/", "/checkout/"])
def test_private_and_service_paths_are_never_stored(path, db, anonymous_get):
    anonymous_get(path)

    assert anonymous_get(path)["X-Cache"] == "bypass"


def test_posts_and_missing_pages_are_not_stored(home_page, anonymous_get):
    assert Client().post("/", {})["X-Cache"] == "bypass"
    assert anonymous_get("/no-such-page/").status_code == 404

    assert anonymous_get("/no-such-page/")["X-Cache"] == "miss"


def test_page_cache_off_serves_every_page_from_the_database(home_page, anonymous_get, settings):
    settings.PAGE_CACHE_ENABLED = False
    anonymous_get("/")

    assert anonymous_get("/")["X-Cache"] == "bypass"


# --- the visitor endpoint -----------------------------------------------------------------------


def test_visitor_endpoint_returns_the_basket_count_and_a_usable_csrf_token(small_shop):
    product = small_shop.add_product(title="Kosiv jug")
    client = Client(enforce_csrf_checks=True)
    token = client.get(reverse("visitor")).json()["csrf_token"]
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 3, "csrfmiddlewaretoken": token})

    state = client.get(reverse("visitor"))

    assert state.json()["basket"]["items"] == 3
    assert state.json()["signed_in"] is False
    assert "no-store" in state["Cache-Control"] and "private" in state["Cache-Control"]
    assert Basket.objects.get().num_items == 3


def test_visitor_endpoint_names_the_signed_in_shopper(shopper, db):
    client = Client()
    client.force_login(shopper)

    state = client.get(reverse("visitor")).json()

    assert state["signed_in"] is True
    assert state["name"]


# --- invalidation: the change, then the next anonymous GET shows it ------------------------------


def test_publishing_a_page_shows_on_the_next_visit(home_page, anonymous_get):
    primed(anonymous_get, "/")
    home_page.hero_title = "Spring fair"
    home_page.save_revision().publish()

    assert "Spring fair" in anonymous_get("/").content.decode()


def test_unpublishing_a_page_takes_it_away_on_the_next_visit(home_page, anonymous_get):
    page = publish_standard_page(home_page, "Delivery")
    primed(anonymous_get, page.url)
    page.unpublish()

    assert anonymous_get(page.url).status_code == 404


def test_a_page_going_live_on_schedule_shows_on_the_next_visit(home_page, anonymous_get):
    page = StandardPage(title="Winter sale", slug="winter-sale", live=False)
    home_page.add_child(instance=page)
    page.save_revision(approved_go_live_at=timezone.now() + timedelta(days=1))
    primed(anonymous_get, "/")  # home is stored while the sale is still scheduled
    assert anonymous_get("/winter-sale/").status_code == 404
    # The clock reaching go-live changes no row; publish_scheduled is what publishes the page.
    Revision.objects.filter(approved_go_live_at__isnull=False).update(
        approved_go_live_at=timezone.now() - timedelta(seconds=1)
    )
    call_command("publish_scheduled")

    assert anonymous_get("/winter-sale/").status_code == 200


def test_a_changed_product_title_shows_on_the_next_visit(small_shop, anonymous_get):
    product = small_shop.add_product(title="Kosiv jug")
    primed(anonymous_get, "/catalogue/")
    product.title = "Kosiv pitcher"
    product.save()

    assert "Kosiv pitcher" in anonymous_get("/catalogue/").content.decode()


def test_a_changed_price_shows_on_the_next_visit(small_shop, anonymous_get):
    product = small_shop.add_product(title="Kosiv jug", price="19.50")
    primed(anonymous_get, product.get_absolute_url())
    record = product.stockrecords.get()
    record.price = "24.75"
    record.save()

    assert "24.75" in anonymous_get(product.get_absolute_url()).content.decode()


def test_stock_running_out_through_an_order_shows_on_the_next_visit(small_shop, anonymous_get, to_preview):
    assert small_shop.products  # makes the shipping country and method a checkout needs
    product = small_shop.add_product(title="Kosiv jug", stock=1)
    before = primed(anonymous_get, product.get_absolute_url())
    assert "Only 1 left" in before.content.decode()
    place_order_as_guest(to_preview, [product])
    assert Order.objects.count() == 1

    after = anonymous_get(product.get_absolute_url())

    assert after["X-Cache"] == "miss"
    assert "Only 1 left" not in after.content.decode()
    assert "Unavailable" in after.content.decode()


def place_order_as_guest(to_preview, products, quantity=1):
    buyer = Client()
    preview = to_preview(buyer, products, quantity=quantity)
    assert preview.status_code in (200, 302)
    placed = buyer.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed.status_code == 302


def test_an_order_that_leaves_plenty_in_stock_keeps_cached_pages(small_shop, anonymous_get, to_preview):
    """An order used to empty the page cache: Oscar's "In stock (37 available)" changed with each
    unit sold, and the offer's usage counts were saved like an edit. Neither shows on a page now."""
    assert small_shop.products  # makes the shipping country and method a checkout needs
    product = small_shop.add_product(title="Kosiv jug", stock=40)
    small_shop.add_offer(name="10% off ceramics")
    primed(anonymous_get, product.get_absolute_url())
    primed(anonymous_get, "/catalogue/")

    place_order_as_guest(to_preview, [product])

    order = Order.objects.get()
    assert order.total_discount_incl_tax > 0  # the offer was used and counted
    assert ConditionalOffer.objects.get(name="10% off ceramics").num_orders == 1
    page = anonymous_get(product.get_absolute_url())
    assert page["X-Cache"] == "hit"
    assert "In stock" in page.content.decode()
    assert anonymous_get("/catalogue/")["X-Cache"] == "hit"


def test_stock_falling_to_the_low_stock_threshold_shows_how_many_are_left(
    small_shop, anonymous_get, to_preview, settings
):
    settings.LOW_STOCK_THRESHOLD = 5
    assert small_shop.products
    product = small_shop.add_product(title="Kosiv jug", stock=7)
    assert "Only" not in primed(anonymous_get, product.get_absolute_url()).content.decode()

    place_order_as_guest(to_preview, [product], quantity=2)

    page = anonymous_get(product.get_absolute_url())
    assert page["X-Cache"] == "miss"
    assert "Only 5 left" in page.content.decode()
    # Each unit sold under the threshold shows, so each makes the page stale again.
    place_order_as_guest(to_preview, [product])
    assert "Only 4 left" in anonymous_get(product.get_absolute_url()).content.decode()


def test_an_offer_used_up_by_an_order_leaves_the_pages_on_the_next_visit(
    small_shop, anonymous_get, to_preview
):
    assert small_shop.products
    product = small_shop.add_product(title="Kosiv jug", stock=40)
    offer = small_shop.add_offer(name="First order only")
    offer.max_global_applications = 1
    offer.save()
    assert "First order only" in primed(anonymous_get, "/offers/").content.decode()

    place_order_as_guest(to_preview, [product])

    assert ConditionalOffer.objects.get(name="First order only").status == ConditionalOffer.CONSUMED
    assert "First order only" not in anonymous_get("/offers/").content.decode()


def test_an_offer_starting_and_ending_shows_on_the_next_visit_after_each(small_shop, anonymous_get):
    now = timezone.now()
    offer = small_shop.add_offer(name="Three-second sale")
    offer.start_datetime, offer.end_datetime = now + timedelta(seconds=3), now + timedelta(seconds=6)
    offer.save()
    assert "Three-second sale" not in primed(anonymous_get, "/offers/").content.decode()
    assert anonymous_get("/offers/")["X-Cache"] == "hit"

    # No row changes when an offer starts: the stored page's lifetime ends at the start.
    time.sleep(max(0, (now + timedelta(seconds=3.2) - timezone.now()).total_seconds()))
    assert "Three-second sale" in anonymous_get("/offers/").content.decode()
    time.sleep(max(0, (now + timedelta(seconds=6.2) - timezone.now()).total_seconds()))
    assert "Three-second sale" not in anonymous_get("/offers/").content.decode()


def test_a_published_announcement_shows_on_the_next_visit(home_page, anonymous_get):
    primed(anonymous_get, "/")
    bar = AnnouncementBar(text="Free delivery this week", live=False)
    bar.save()
    bar.save_revision().publish()

    assert "Free delivery this week" in anonymous_get("/").content.decode()


def test_a_published_footer_shows_on_the_next_visit(home_page, anonymous_get):
    primed(anonymous_get, "/")
    footer = Footer(name="Storefront footer", text="<p>Зроблено в Косові</p>", live=False)
    footer.save()
    footer.save_revision().publish()

    assert "Зроблено в Косові" in anonymous_get("/").content.decode()


# --- what each worker keeps ---------------------------------------------------------------------


def test_a_worker_serves_a_page_it_holds_without_fetching_the_page_again(
    home_page, anonymous_get, monkeypatch
):
    from ptashka.page_cache import middleware

    primed(anonymous_get, "/")

    class WatchedCache:
        """The cache, noting which keys a hit reads."""

        def __init__(self, real):
            self.real, self.asked = real, []

        def get_many(self, keys, **kwargs):
            self.asked.extend(keys)
            return self.real.get_many(keys, **kwargs)

        def get(self, key, *args, **kwargs):
            self.asked.append(key)
            return self.real.get(key, *args, **kwargs)

    watched = WatchedCache(middleware.cache)
    monkeypatch.setattr(middleware, "cache", watched)

    hit = anonymous_get("/")

    assert hit["X-Cache"] == "hit"
    assert watched.asked and not [key for key in watched.asked if key.startswith("page_cache:page:")]


def test_a_page_a_worker_holds_is_not_served_past_its_time(home_page, anonymous_get, monkeypatch, settings):
    from ptashka.page_cache import middleware

    primed(anonymous_get, "/")
    later = time.time() + settings.PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(middleware.time, "time", lambda: later)

    assert anonymous_get("/")["X-Cache"] == "miss"


def test_a_page_a_worker_holds_is_not_served_after_a_content_change(home_page, anonymous_get):
    primed(anonymous_get, "/")
    publish_standard_page(home_page, "Winter gifts")

    assert anonymous_get("/")["X-Cache"] == "miss"
