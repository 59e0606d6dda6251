"""The product page in Chromium: choosing a size with and without JavaScript, the gallery and its
zoom by keyboard, and the add-to-basket bar on a phone."""

import re

import pytest
from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from oscar.test import factories

from tests.functional.catalogue.conftest import Wardrobe

Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.browser


@pytest.fixture
def shirt(live_server, small_shop):
    """A shirt in S, M, L and XL (L dearer, XL sold out) with three pictures, committed for the server."""
    wardrobe = Wardrobe(small_shop)
    parent = wardrobe.shirt(prices={"L": "95.00"}, stock={"XL": 0, "M": 2})
    for n in range(3):
        factories.create_product_image(
            product=parent, original=ContentFile(picture(n), name=f"shirt-{n}.png")
        )
    parent.sizes = {size: wardrobe.variant(parent, size) for size in ("S", "M", "L", "XL")}
    return parent


def picture(n):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (900 + n * 100, 900), (166, 30 + n * 40, 34)).save(buffer, "PNG")
    return buffer.getvalue()


def basket_action(page):
    return page.locator("#add_to_basket_form").get_attribute("action")


def test_choosing_a_size_changes_price_stock_and_basket_target_without_a_reload(
    live_server, chromium_page, shirt
):
    page = chromium_page
    page.goto(live_server.url + shirt.get_absolute_url())
    page.evaluate("() => { window.__samePage = true; }")
    assert page.locator("[data-variant-submit]").is_hidden()  # the script chooses as one clicks
    assert basket_action(page) == f"/basket/add/{shirt.sizes['S'].pk}/"

    page.get_by_label("L", exact=True).check()

    assert page.locator("[data-product-price] .price__now").inner_text() == "€95.00"
    assert basket_action(page) == f"/basket/add/{shirt.sizes['L'].pk}/"
    assert page.evaluate("() => window.__samePage") is True
    assert re.search(r"\?size=L$", page.url)

    page.get_by_label("M", exact=True).check()
    assert page.locator("[data-product-stock]").inner_text() == "Only 2 left"

    page.locator("label", has_text="XL").click()
    button = page.locator("#add_to_basket_form button[type=submit]")
    assert button.is_disabled() and button.inner_text() == "Sold out"

    page.get_by_label("S", exact=True).check()
    button.click()
    page.wait_for_load_state()
    assert [line.product for line in Basket.objects.get().lines.all()] == [shirt.sizes["S"]]


def test_without_javascript_the_picker_form_chooses_the_size_and_it_can_be_bought(
    live_server, chromium_page, shirt
):
    context = chromium_page.context.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + shirt.get_absolute_url())
        page.locator("label", has_text="M").first.click()
        page.get_by_role("button", name="Show this option").click()

        assert "size=M" in page.url
        assert page.get_by_label("M", exact=True).is_checked()
        assert basket_action(page) == f"/basket/add/{shirt.sizes['M'].pk}/"
        assert page.locator("[data-product-stock]").inner_text() == "Only 2 left"

        page.locator("#add_to_basket_form button[type=submit]").click()
        page.wait_for_load_state()
        assert [line.product for line in Basket.objects.get().lines.all()] == [shirt.sizes["M"]]
    finally:
        context.close()


def test_thumbnails_switch_the_main_picture_and_zoom_opens_and_closes_by_keyboard(
    live_server, chromium_page, shirt
):
    page = chromium_page
    page.goto(live_server.url + shirt.get_absolute_url())
    main = page.locator("[data-gallery-main]")
    first_src = main.get_attribute("src")

    page.locator("[data-gallery-thumb]").nth(2).click()

    assert main.get_attribute("src") != first_src
    assert page.locator("[data-gallery-thumb]").nth(2).get_attribute("aria-current") == "true"

    zoom = page.locator("[data-gallery-zoom]")
    zoom.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("[data-gallery-dialog]")
    assert dialog.evaluate("(d) => d.open") is True
    page.keyboard.press("Escape")
    assert dialog.evaluate("(d) => d.open") is False
    assert page.evaluate("() => document.activeElement.hasAttribute('data-gallery-zoom')") is True


def test_on_a_phone_the_add_to_basket_bar_shows_once_the_buy_box_has_scrolled_away(
    live_server, chromium_page, shirt
):
    page = chromium_page
    page.set_viewport_size({"width": 390, "height": 700})
    page.goto(live_server.url + shirt.get_absolute_url())
    bar = page.locator("[data-sticky-buy]")
    assert bar.is_hidden()

    page.locator("#reviews").scroll_into_view_if_needed()
    page.wait_for_function("() => !document.querySelector('[data-sticky-buy]').hidden")

    assert "€89.00" in bar.inner_text()
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_function("() => document.querySelector('[data-sticky-buy]').hidden")
