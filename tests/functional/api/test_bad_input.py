"""Bad input to the headless API: each a clear 4xx that changes nothing, where it was a 500 or a wrong yes."""

import pytest
from django.contrib.auth import get_user_model
from django.core.paginator import UnorderedObjectListWarning
from drf_spectacular.generators import SchemaGenerator
from oscar.core.loading import get_model
from oscar.test.factories import create_product
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from ptashka.api.pagination import ShopPagination
from tests.functional.api.api_steps import bearer, obtain_tokens, product_url

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(api, shopper):
    return bearer(obtain_tokens(api, shopper)["access"])


@pytest.fixture
def basket_line(signed_in, shopper, product):
    """The shopper's basket with one unit of `product` (20 in stock) in it, and that line's URL."""
    signed_in.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 1}, format="json")
    basket = Basket.objects.get(owner=shopper)
    line = basket.lines.get()
    return line, f"/api/baskets/{basket.pk}/lines/{line.pk}/"


# --- bodies that broke the parser ---------------------------------------------------------------


@pytest.mark.parametrize("depth", [2000, 100])
def test_a_json_body_nested_too_deep_answers_400_and_adds_nothing(api, product, depth):
    body = "[" * depth + "]" * depth  # 2,000 deep is 4 KB

    response = api.post("/api/basket/add-product/", body, content_type="application/json")

    # Before: RecursionError in Python's json module (2,000) or in the NUL check walking it, a 500.
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]
    assert not Line.objects.exists()


def test_an_ordinarily_nested_json_body_is_still_read(api, product):
    body = {"url": product_url(product), "quantity": 1, "options": []}

    response = api.post("/api/basket/add-product/", body, format="json")

    assert response.status_code == 200
    assert Line.objects.get().quantity == 1


# --- basket line quantities: the same cap as add-product -------------------------------------------


@pytest.mark.parametrize("quantity", [2147483647, 1000000, 21])
def test_raising_a_line_beyond_what_add_product_allows_answers_400_and_keeps_the_line(
    signed_in, basket_line, quantity
):
    line, url = basket_line

    response = signed_in.patch(url, {"quantity": quantity}, format="json")

    # Before: 2147483647 overflowed the totals (InvalidOperation, a 500); a million answered 200.
    assert response.status_code == 400
    assert response.json()["quantity"]
    line.refresh_from_db()
    assert line.quantity == 1


def test_the_line_patch_and_add_product_refuse_the_same_quantity_with_the_same_reason(
    signed_in, basket_line, product
):
    line, url = basket_line

    added = signed_in.post(
        "/api/basket/add-product/", {"url": product_url(product), "quantity": 20}, format="json"
    )
    patched = signed_in.patch(url, {"quantity": 21}, format="json")

    assert added.status_code == 406
    assert patched.status_code == 400
    assert patched.json()["quantity"] == [added.json()["reason"]]
    line.refresh_from_db()
    assert line.quantity == 1


def test_a_line_can_still_be_raised_within_stock_and_lowered(signed_in, basket_line):
    line, url = basket_line

    raised = signed_in.patch(url, {"quantity": 20}, format="json")
    lowered = signed_in.patch(url, {"quantity": 3}, format="json")

    assert (raised.status_code, lowered.status_code) == (200, 200)
    line.refresh_from_db()
    assert line.quantity == 3


def test_a_new_line_beyond_the_stock_answers_400_and_is_not_added(
    signed_in, shopper, basket_line, second_product
):
    basket = Basket.objects.get(owner=shopper)
    body = {
        "basket": f"http://testserver/api/baskets/{basket.pk}/",
        "product": product_url(second_product),
        "stockrecord": f"{product_url(second_product)}stockrecords/{second_product.stockrecords.get().pk}/",
        "quantity": 1000000,
        "price_currency": "EUR",
        "price_excl_tax": "11.50",
        "price_incl_tax": "11.50",
    }

    response = signed_in.post(f"/api/baskets/{basket.pk}/lines/", body, format="json")

    assert response.status_code == 400
    assert response.json()["quantity"]
    assert list(basket.lines.values_list("product_id", flat=True)) == [basket_line[0].product_id]


# --- basket status ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["Frozen", "Submitted", "Merged"])
def test_a_shopper_cannot_set_their_basket_status(signed_in, shopper, basket_line, status):
    basket = Basket.objects.get(owner=shopper)

    response = signed_in.patch(f"/api/baskets/{basket.pk}/", {"status": status}, format="json")

    # Before: 200 and the basket frozen (or submitted) by the shopper.
    assert response.status_code == 400
    assert response.json()["status"]
    basket.refresh_from_db()
    assert basket.status == Basket.OPEN


def test_sending_the_basket_back_with_its_own_status_is_fine(signed_in, shopper, basket_line):
    basket = Basket.objects.get(owner=shopper)

    response = signed_in.patch(f"/api/baskets/{basket.pk}/", {"status": "Open"}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "Open"


# --- the address book -------------------------------------------------------------------------


@pytest.fixture
def ukraine(db):
    return Country.objects.create(
        iso_3166_1_a2="UA", name="Ukraine", printable_name="Ukraine", is_shipping_country=True
    )


def address_body(ukraine, **changes):
    return {
        "title": "Ms",
        "first_name": "Оксана",
        "last_name": "Петренко",
        "line1": "вул. Хрещатик, 1",
        "line4": "Київ",
        "postcode": "01001",
        "country": f"http://testserver/api/countries/{ukraine.pk}/",
        **changes,
    }


def test_adding_the_same_address_twice_answers_400_in_words_and_keeps_one(signed_in, shopper, ukraine):
    first = signed_in.post("/api/useraddresses/", address_body(ukraine), format="json")

    second = signed_in.post("/api/useraddresses/", address_body(ukraine, phone_number=""), format="json")

    assert first.status_code == 201, first.content
    # Before: 406 with PostgreSQL's "duplicate key value violates unique constraint …" text.
    assert second.status_code == 400
    assert second.json() == {"non_field_errors": ["You already have this address in your address book."]}
    assert UserAddress.objects.filter(user=shopper).count() == 1


def test_changing_an_address_into_another_one_already_kept_answers_400(signed_in, shopper, ukraine):
    signed_in.post("/api/useraddresses/", address_body(ukraine), format="json")
    other = signed_in.post(
        "/api/useraddresses/", address_body(ukraine, line1="вул. Січових Стрільців, 5"), format="json"
    )

    response = signed_in.patch(other.json()["url"], {"line1": "вул. Хрещатик, 1"}, format="json")

    assert response.status_code == 400
    assert "already have this address" in response.json()["non_field_errors"][0]
    assert sorted(UserAddress.objects.filter(user=shopper).values_list("line1", flat=True)) == [
        "вул. Січових Стрільців, 5",
        "вул. Хрещатик, 1",
    ]


# --- pagination -------------------------------------------------------------------------------


@pytest.fixture
def catalogue(db):
    return [create_product(title=f"Писанка {number}", price="5.00", num_in_stock=3) for number in range(23)]


def test_the_product_list_answers_pages_of_twenty(api, catalogue):
    first = api.get("/api/products/").json()
    second = api.get(first["next"]).json()

    # Before: ?page= was ignored and every product came back in one list.
    assert first["count"] == 23
    assert len(first["results"]) == 20
    assert first["previous"] is None
    assert len(second["results"]) == 3
    assert second["next"] is None
    assert {p["id"] for p in first["results"]} | {p["id"] for p in second["results"]} == {
        p.pk for p in catalogue
    }


def test_a_client_chooses_the_page_size_up_to_the_maximum(api, catalogue, monkeypatch):
    monkeypatch.setattr(ShopPagination, "max_page_size", 7)

    small = api.get("/api/products/", {"page_size": 5}).json()
    capped = api.get("/api/products/", {"page_size": 1000}).json()

    assert len(small["results"]) == 5
    assert len(capped["results"]) == 7


@pytest.mark.parametrize("page", ["99", "0", "-1", "abc"])
def test_a_page_that_does_not_exist_answers_400(api, catalogue, page):
    response = api.get("/api/products/", {"page": page})

    assert response.status_code == 400
    assert response.json()["page"]


def test_a_list_without_an_order_is_paged_in_id_order(recwarn):
    # Given a queryset with no ordering (auth's users, as oscar-api's admin user list pages them)
    users = [get_user_model().objects.create_user(f"page-{number}") for number in range(5)]
    request = Request(APIRequestFactory().get("/api/admin/users/", {"page_size": 2, "page": 2}))

    # When it is paged
    page = ShopPagination().paginate_queryset(get_user_model().objects.all(), request)

    # Then the second page is the 3rd and 4th users by id, and Django had no unordered list to warn of
    assert [user.pk for user in page] == [user.pk for user in users[2:4]]
    assert not [warning for warning in recwarn if warning.category is UnorderedObjectListWarning]


def test_the_schema_documents_paginated_lists():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/products/"]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    page = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]

    assert {"count", "results"} <= set(page["required"])
    assert {"next", "previous"} <= set(page["properties"])
    assert {"page", "page_size"} <= {parameter["name"] for parameter in operation["parameters"]}


# --- NUL characters in the address --------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/cms/pages/?search=%00",
        "/api/cms/pages/find/?html_path=%00",
        "/api/cms/images/?search=bird%00",
        "/api/products/?page=%00",
    ],
)
def test_a_nul_character_in_an_api_query_string_answers_a_json_400(api, path):
    response = api.get(path)

    # Before: PostgreSQL refused the text ("cannot contain NUL (0x00) characters"), a 500.
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
