"""Every checkout step: where the shopper is, what they are buying, and forms that say what is wrong
beside each field and at the top of the page, changing nothing."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory

from tests.functional.checkout_pages.pages import html_of, text_of
from tests.shop_fixtures import ADDRESS

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def current_step(html):
    """The label of the step marked aria-current="step"."""
    marked = html.split('aria-current="step"', 1)[1].split("</li>", 1)[0]
    return marked.rsplit("</span>", 2)[-2].strip() if "</span>" in marked else ""


def test_the_email_step_shows_the_steps_and_the_order_summary(filled_basket):
    page = filled_basket.get(reverse("checkout:index"))

    html = html_of(page)
    assert page.status_code == 200
    assert '<nav class="checkout-steps"' in html
    assert html.count('aria-current="step"') == 1
    assert "Address" in current_step(html)
    assert '<details class="order-summary panel" open data-order-summary>' in html
    assert "Писанка" in html and "Вишиванка" in html
    assert "Subtotal €93.00" in text_of(page)
    assert "Calculated at the delivery step" in html
    assert 'autocomplete="email"' in html


def test_a_bad_email_is_told_beside_the_field_and_at_the_top_and_nothing_is_kept(filled_basket):
    refused = filled_basket.post(
        reverse("checkout:index"), {"username": "not an address", "options": "anonymous"}
    )

    html = html_of(refused)
    assert refused.status_code == 200
    assert "data-error-summary" in html and 'href="#id_username"' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_username_error"' in html
    assert '<p class="field__error" id="id_username_error">' in html
    # not let on to the address step
    assert filled_basket.get(reverse("checkout:shipping-address")).status_code == 302


def test_a_returning_customer_who_gives_no_password_is_asked_for_it_and_not_signed_in(filled_basket):
    UserFactory(email="olena@example.com")

    refused = filled_basket.post(
        reverse("checkout:index"), {"username": "olena@example.com", "options": "existing", "password": ""}
    )

    assert refused.status_code == 200
    assert "Enter your password to sign in" in html_of(refused)
    assert 'id="id_password_error"' in html_of(refused)
    assert "_auth_user_id" not in filled_basket.session


def test_the_password_field_is_there_without_javascript_under_sign_in(filled_basket):
    html = html_of(filled_basket.get(reverse("checkout:index")))

    # no jQuery toggling it: the field is rendered, inside the "Sign in" choice
    sign_in = html.split('value="existing"', 1)[1].split('value="new"', 1)[0]
    assert 'name="password"' in sign_in and 'autocomplete="current-password"' in sign_in
    assert "oscar.checkout.gateway" not in html


def test_the_address_form_has_labelled_fields_browsers_can_fill(at_shipping_address):
    page = at_shipping_address.get(reverse("checkout:shipping-address"))

    html = html_of(page)
    assert "Address" in current_step(html)
    assert 'id="new_shipping_address"' in html
    for name, autocomplete in [
        ("first_name", "given-name"),
        ("last_name", "family-name"),
        ("line1", "address-line1"),
        ("line4", "address-level2"),
        ("postcode", "postal-code"),
        ("phone_number", "tel"),
    ]:
        field = (
            html.split(f'name="{name}"', 1)[0].rsplit("<", 1)[1]
            + html.split(f'name="{name}"', 1)[1].split(">", 1)[0]
        )
        assert f'autocomplete="{autocomplete}"' in field, name
        assert f'<label class="field__label" for="id_{name}">' in html, name
    assert 'type="tel"' in html
    # the shop ships to Europe: no title, no third address line
    assert 'name="title"' not in html and 'name="line3"' not in html


def test_a_country_choice_is_offered_when_the_shop_ships_to_several(at_shipping_address):
    get_model("address", "Country").objects.create(
        iso_3166_1_a2="PL", name="Poland", printable_name="Poland", is_shipping_country=True
    )

    html = html_of(at_shipping_address.get(reverse("checkout:shipping-address")))

    assert 'name="country"' in html and 'autocomplete="country"' in html
    assert ">Poland<" in html and ">Ukraine<" in html


def test_a_missing_address_is_told_field_by_field_and_nothing_is_kept(at_shipping_address):
    refused = at_shipping_address.post(
        reverse("checkout:shipping-address"), {**ADDRESS, "line1": "", "postcode": ""}
    )

    html = html_of(refused)
    assert refused.status_code == 200
    assert 'href="#id_line1"' in html and 'href="#id_postcode"' in html  # the summary links to the fields
    assert 'aria-describedby="id_line1_error"' in html
    assert "Enter the street and house number." in html and "Enter the postcode." in html
    # once: not again as a form-wide "Addresses in Ukraine require a valid postcode"
    assert "require a valid postcode" not in html
    assert at_shipping_address.get(reverse("checkout:shipping-method")).status_code == 302


def test_a_postcode_not_of_the_country_is_told_beside_the_postcode(at_shipping_address):
    refused = at_shipping_address.post(reverse("checkout:shipping-address"), {**ADDRESS, "postcode": "ABC"})

    html = html_of(refused)
    assert '<p class="field__error" id="id_postcode_error">' in html
    assert "not valid for Ukraine" in html.split('id="id_postcode_error"', 1)[1].split("</p>", 1)[0]


def test_delivery_is_a_choice_of_radio_cards_with_price_and_note(at_shipping_method, two_methods):
    page = at_shipping_method.get(reverse("checkout:shipping-method"))

    html = html_of(page)
    assert page.status_code == 200
    assert "Delivery" in current_step(html)
    assert f'<a class="checkout-steps__link" href="{reverse("checkout:shipping-address")}">' in html
    assert "<fieldset" in html and "<legend" in html
    assert html.count('type="radio" name="method_code"') == 2
    words = text_of(page)
    assert "Nova Poshta €5.00" in words
    assert "Express courier €12.00 To your door in 1–2 working days." in words
    # the cheapest is chosen to begin with
    assert (
        'value="nova-poshta" id="id_method_code"' in html
        and "checked" in html.split('value="nova-poshta"', 1)[1][:80]
    )


def test_a_delivery_method_that_is_not_offered_is_refused_once_and_nothing_is_kept(
    at_shipping_method, two_methods
):
    refused = at_shipping_method.post(reverse("checkout:shipping-method"), {"method_code": "free-for-me"})

    html = html_of(refused)
    assert refused.status_code == 200
    assert 'href="#id_method_code"' in html
    assert html.count("That delivery method is not offered") == 2  # beside the choice and in the summary
    assert "not permitted" not in html  # and not a third time, as Oscar's flash message
    assert at_shipping_method.get(reverse("checkout:payment-details")).status_code == 302


def test_payment_and_review_keep_the_browser_tests_hooks_and_show_shipping_in_the_summary(at_payment):
    payment = at_payment.get(reverse("checkout:payment-details"))

    html = html_of(payment)
    assert "Payment" in current_step(html)
    assert 'id="gateway-dummy"' in html and 'id="view_preview"' in html
    assert "<fieldset" in html
    words = text_of(payment)
    assert "Shipping Nova Poshta €5.00" in words and "Total €98.00" in words

    review = at_payment.post(reverse("checkout:preview"), {"gateway": "dummy"})

    html = html_of(review)
    assert "Review" in current_step(html)
    assert html.count("checkout-steps__item--done") == 3
    assert 'id="place-order"' in html and 'id="chosen-gateway"' in html
    assert html.count('id="chosen-gateway"') == 1
    assert "guest@example.com" in html and "вул. Хрещатик, 1" in html


def test_the_review_step_is_not_offered_as_a_link(at_payment):
    html = html_of(at_payment.get(reverse("checkout:payment-details")))

    assert (
        f'href="{reverse("checkout:preview")}"'
        not in html.split('<nav class="checkout-steps"', 1)[1].split("</nav>", 1)[0]
    )


def test_checkout_pages_load_no_jquery_and_the_checkout_script(at_payment):
    html = html_of(at_payment.get(reverse("checkout:payment-details")))

    assert "jquery" not in html.lower()
    assert "ptashka/js/checkout" in html and "ptashka/css/checkout" in html
