"""A merchandiser builds a campaign page in Wagtail's editor and shoppers see its products with prices."""

import pytest
from oscar.core.loading import get_model

from tests.demo_shop import demo_login

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.browser

CHOSEN = ["Kosiv Majolica Mug with Deer", "Linden Blossom Soy Candle"]


def sign_in_to_wagtail(page, base_url, login):
    page.goto(base_url + "/cms/login/")
    page.fill("input[name=username]", login.username)
    page.fill("input[name=password]", login.password)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/cms/")


def choose_product(page, title):
    page.get_by_role("button", name="Choose a product").last.click()
    modal = page.locator(".modal").filter(visible=True)
    modal.locator("input[name=q]").fill(title)
    modal.get_by_role("link", name=title).click()
    modal.wait_for(state="hidden")


def test_merchandiser_publishes_a_product_carousel_that_the_storefront_shows_with_prices(
    committed_demo_shop, live_server, chromium_page, settings
):
    from cms.home import HomePage
    from cms.landing import LandingPage

    # Wagtail 8 autosaves a new page in the background; a Publish sent while that first autosave is
    # in flight still posts to the "add" URL and collides with the autosaved page's slug.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0

    home = HomePage.objects.get()
    page = chromium_page
    sign_in_to_wagtail(page, live_server.url, demo_login("merchandiser"))

    page.goto(f"{live_server.url}/cms/pages/add/cms/landingpage/{home.pk}/")
    page.fill("#id_title", "Winter fair")
    body = page.locator("#panel-child-content-body-content")
    body.locator("button[title='Insert a block']").click()
    page.locator(".w-combobox__option", has_text="Products: carousel or grid").click()
    body.locator("input[name$='-value-title']").fill("Warm gifts")
    choose_product(page, CHOSEN[0])
    body.locator("button[title='Add']").last.click()
    choose_product(page, CHOSEN[1])
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"{live_server.url}/cms/pages/{home.pk}/")

    campaign = LandingPage.objects.get(title="Winter fair")
    assert campaign.live
    page.goto(live_server.url + campaign.url)
    cards = page.locator(".ptashka-card")
    # A card shows the regular price, struck through (.price__was) when a running offer takes
    # something off (the demo's 10 % on ceramics), else as the price (.price__now).
    shown = {}
    for i in range(cards.count()):
        card = cards.nth(i)
        regular = card.locator(".price__was")
        if not regular.count():
            regular = card.locator(".price__now")
        shown[card.locator(".ptashka-card__title").inner_text().strip()] = regular.inner_text().strip()
    expected = {
        title: f"€{Product.objects.get(title=title).stockrecords.get().price:.2f}" for title in CHOSEN
    }
    assert page.locator("h2", has_text="Warm gifts").is_visible()
    assert shown == expected
