"""A shopper's first look, in a real browser: the home page shows Wagtail content and live products."""

import pytest

pytestmark = pytest.mark.browser


def test_home_page_shows_hero_and_products_with_prices(
    committed_demo_shop, live_server, chromium_page, tmp_path
):
    from cms.home import HomePage

    home = HomePage.objects.live().get()

    chromium_page.goto(live_server.url + "/")

    hero = chromium_page.locator(".ptashka-hero h1")
    cards = chromium_page.locator(".ptashka-card")
    assert hero.inner_text() == home.hero_title
    assert cards.count() >= 8
    first = cards.first
    assert first.locator(".ptashka-card__title").inner_text().strip()
    assert first.locator(".ptashka-card__price .price__now").inner_text().strip().startswith("€")
    chromium_page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
    assert (tmp_path / "home.png").stat().st_size > 10_000


def test_guest_adds_a_product_from_the_home_page_to_the_basket(
    committed_demo_shop, live_server, chromium_page
):
    chromium_page.goto(live_server.url + "/")
    card = chromium_page.locator(
        ".ptashka-card", has=chromium_page.locator("button", has_text="Add to basket")
    ).first
    title = card.locator(".ptashka-card__title").inner_text().strip()

    card.locator("button", has_text="Add to basket").click()
    chromium_page.goto(live_server.url + "/basket/")

    assert title in chromium_page.locator("#content_inner").inner_text()
