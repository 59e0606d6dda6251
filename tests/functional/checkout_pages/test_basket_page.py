"""The basket page: lines a shopper can change without JavaScript, a summary with the offers by name,
a clear way to checkout, and an empty basket that points somewhere."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.functional.checkout_pages.pages import html_of, text_of

Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


def formset_data(response, **changes):
    """The basket formset's fields as the page renders them, with `changes` (form-0-DELETE="on"…)."""
    formset = response.context["formset"]
    data = {
        "form-TOTAL_FORMS": str(formset.total_form_count()),
        "form-INITIAL_FORMS": str(formset.initial_form_count()),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, form in enumerate(formset):
        data[f"form-{index}-id"] = str(form.instance.pk)
        data[f"form-{index}-quantity"] = str(form.instance.quantity)
    data.update(changes)
    return data


def open_basket():
    return Basket.objects.filter(status=Basket.OPEN).get()


def test_each_line_shows_image_linked_title_unit_price_quantity_and_line_total(client, small_shop):
    jug = small_shop.add_product(title="Kosiv jug", price="20.00", with_image=True)
    client.post(reverse("basket:add", args=[jug.pk]), {"quantity": 2})

    page = client.get(reverse("basket:summary"))

    html = html_of(page)
    assert page.status_code == 200
    assert f'<a href="{jug.get_absolute_url()}">Kosiv jug</a>' in html
    assert 'class="basket-line__image"' in html and "<img src=" in html
    assert "€20.00" in html and "€40.00" in html  # each, and the line's total
    assert 'name="form-0-quantity"' in html and 'value="2"' in html
    # Remove is a real button of the form, not one of Oscar's script-driven links
    assert 'name="form-0-DELETE" value="on"' in html
    assert "data-behaviours" not in html
    assert 'id="checkout-button"' in html and reverse("checkout:index") in html


def test_the_remove_button_removes_only_its_line(filled_basket, small_shop):
    page = filled_basket.get(reverse("basket:summary"))

    removed = filled_basket.post(reverse("basket:summary"), formset_data(page, **{"form-0-DELETE": "on"}))

    assert removed.status_code == 302
    assert [line.product for line in open_basket().all_lines()] == [small_shop.products[1]]


def test_update_changes_the_quantity(filled_basket):
    page = filled_basket.get(reverse("basket:summary"))

    filled_basket.post(reverse("basket:summary"), formset_data(page, **{"form-1-quantity": "3"}))

    assert [line.quantity for line in open_basket().all_lines()] == [1, 3]


def test_more_than_is_in_stock_is_refused_beside_the_field_and_the_basket_stays_as_it_was(filled_basket):
    page = filled_basket.get(reverse("basket:summary"))

    refused = filled_basket.post(reverse("basket:summary"), formset_data(page, **{"form-0-quantity": "999"}))

    html = html_of(refused)
    assert refused.status_code == 200
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_form-0-quantity_error"' in html
    assert '<p class="field__error" id="id_form-0-quantity_error">' in html
    assert [line.quantity for line in open_basket().all_lines()] == [1, 2]


def test_a_nonsense_quantity_is_refused_and_changes_nothing(filled_basket):
    page = filled_basket.get(reverse("basket:summary"))

    refused = filled_basket.post(reverse("basket:summary"), formset_data(page, **{"form-0-quantity": "lots"}))

    assert 'id="id_form-0-quantity_error"' in html_of(refused)
    assert [line.quantity for line in open_basket().all_lines()] == [1, 2]


def test_summary_names_each_offer_and_estimates_shipping(client, small_shop):
    assert small_shop.products  # and with them the shop's shipping method: 5.00 an order
    small_shop.add_offer(name="Pottery week")
    jug = small_shop.add_product(title="Kosiv jug", price="20.00")
    client.post(reverse("basket:add", args=[jug.pk]), {"quantity": 1})

    page = client.get(reverse("basket:summary"))

    words = text_of(page)
    assert "Subtotal €20.00" in words
    assert "Pottery week −€2.00" in words
    assert "Shipping Estimate: Nova Poshta. Choose how at checkout. €5.00" in words
    assert "Estimated total €23.00" in words


def test_a_signed_in_shopper_saves_a_line_for_later_without_javascript(client, shopper, small_shop):
    client.force_login(shopper)
    client.post(reverse("basket:add", args=[small_shop.product.pk]), {"quantity": 1})
    page = client.get(reverse("basket:summary"))
    assert 'name="form-0-save_for_later" value="on"' in html_of(page)

    client.post(reverse("basket:summary"), formset_data(page, **{"form-0-save_for_later": "on"}))

    assert open_basket().num_lines == 0
    saved = Basket.saved.get(owner=shopper)
    assert [line.product for line in saved.all_lines()] == [small_shop.product]
    assert "Saved for later" in text_of(client.get(reverse("basket:summary")))


def test_an_empty_basket_points_to_the_catalogue_and_the_home_page(client, db):
    page = client.get(reverse("basket:summary"))

    html = html_of(page)
    assert "Your basket is empty" in html
    assert f'href="{reverse("catalogue:index")}"' in html
    assert 'href="/"' in html
    assert "checkout-button" not in html


def test_a_voucher_code_that_does_not_exist_is_refused_and_changes_nothing(filled_basket):
    refused = filled_basket.post(reverse("basket:vouchers-add"), {"code": "NO-SUCH-CODE"}, follow=True)

    assert "NO-SUCH-CODE" in text_of(refused)  # Oscar's message names the code it could not find
    basket = refused.context["basket"]
    assert basket.vouchers.count() == 0
    assert basket.total_incl_tax == Decimal("93.00")
