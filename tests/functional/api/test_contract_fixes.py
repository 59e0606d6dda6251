"""What the schemathesis contract run found: each answer now a documented 4xx (or the documented body)."""

from decimal import Decimal

import pytest
from drf_spectacular.generators import SchemaGenerator
from oscar.core.loading import get_model
from oscar.test.factories import ProductClassFactory, UserFactory, create_product

from tests.functional.api.api_steps import bearer, obtain_tokens, product_url, refused_checkout_commits

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def responses_of(schema, path, method):
    return schema["paths"][path][method]["responses"]


def resolve(schema, reference):
    return schema["components"]["schemas"][reference["$ref"].rsplit("/", 1)[-1]]


@pytest.fixture
def staff(api):
    user = UserFactory(is_staff=True, is_superuser=True)
    return bearer(obtain_tokens(api, user)["access"])


@pytest.mark.parametrize("method", ["get", "put", "post", "delete"])
def test_an_unknown_api_path_answers_a_json_404_for_any_method(api, method):
    response = getattr(api, method)("/api/useraddresses/not-a-number/", {}, format="json")

    # Before: the storefront's HTML 404, or Django's CSRF 403 page for writes.
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_deleting_a_product_class_that_products_use_answers_409_and_deletes_nothing(staff):
    product_class = ProductClassFactory(name="Рушники", slug="rushnyky")
    create_product(product_class=product_class, title="Рушник")

    response = staff.delete(f"/api/admin/productclasses/{product_class.slug}/")

    assert response.status_code == 409
    assert "detail" in response.json()
    assert ProductClass.objects.filter(pk=product_class.pk).exists()
    assert Product.objects.filter(product_class=product_class).count() == 1


@pytest.mark.parametrize("body", [[], ["basket"], "basket", 7])
def test_adding_a_line_with_a_body_that_is_not_an_object_answers_400_and_adds_nothing(
    api, shopper, product, body
):
    client = bearer(obtain_tokens(api, shopper)["access"])
    client.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 1}, format="json")
    basket = Basket.objects.get(owner=shopper)

    response = client.post(f"/api/baskets/{basket.pk}/lines/", body, format="json")

    assert response.status_code == 400
    assert [(line.product_id, line.quantity) for line in basket.lines.all()] == [(product.pk, 1)]


def test_the_price_of_a_product_without_stock_is_null_and_the_schema_allows_it(api, schema):
    unpriced = create_product(title="Писанка")  # no stock record: nothing to sell it from
    price_schema = resolve(
        schema,
        responses_of(schema, "/api/products/{id}/price/", "get")["200"]["content"]["application/json"][
            "schema"
        ],
    )

    price = api.get(f"/api/products/{unpriced.pk}/price/").json()

    assert price["excl_tax"] is None and price["currency"] is None
    assert price_schema["properties"]["excl_tax"]["nullable"] is True
    assert price_schema["properties"]["currency"]["nullable"] is True


def test_an_empty_basket_has_no_currency_and_the_schema_allows_it(api, schema):
    basket = api.get("/api/basket/").json()

    assert basket["currency"] is None
    assert schema["components"]["schemas"]["Basket"]["properties"]["currency"]["nullable"] is True


def test_shipping_methods_answer_a_list_as_the_schema_says(api, product, schema):
    api.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 1}, format="json")
    documented = responses_of(schema, "/api/basket/shipping-methods/", "get")["200"]

    methods = api.get("/api/basket/shipping-methods/").json()

    assert isinstance(methods, list) and methods
    assert documented["content"]["application/json"]["schema"]["type"] == "array"
    assert Decimal(str(methods[0]["price"]["excl_tax"])) >= 0


def test_the_schema_documents_the_refusals_each_operation_can_answer(schema):
    assert {"400", "401", "403", "406", "429"} <= set(
        responses_of(schema, "/api/basket/add-product/", "post")
    )
    assert {"401", "403", "404"} <= set(responses_of(schema, "/api/products/{id}/", "get"))
    assert "409" in responses_of(schema, "/api/admin/productclasses/{slug}/", "delete")
    assert "401" in responses_of(schema, "/api/auth/token/", "post")
    assert {"200", "204", "405"} <= set(responses_of(schema, "/api/login/", "get"))
    assert "404" not in responses_of(schema, "/api/products/", "get")


def test_a_guest_asking_for_their_session_login_gets_the_documented_405(api):
    response = api.get("/api/login/")

    assert response.status_code == 405
    assert set(response.json()) == {"detail"}


def test_the_schema_lists_each_error_body_once_as_a_component(schema):
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {"detail"}
    assert "anyOf" in schema["components"]["schemas"]["ValidationError"]


def test_a_token_client_asking_for_a_missing_line_of_its_basket_gets_404_not_a_session_error(
    api, shopper, product
):
    client = bearer(obtain_tokens(api, shopper)["access"])
    client.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 1}, format="json")
    client.cookies.clear()  # a token client keeps no cookies
    basket = Basket.objects.get(owner=shopper)

    response = client.get(f"/api/baskets/{basket.pk}/lines/987654/")

    # Before: the session oscar-api saved inside the rolled-back request was gone: a 400 HTML page.
    assert response.status_code == 404
    assert response.json() == {"detail": "No Line matches the given query."}


@refused_checkout_commits
@pytest.mark.parametrize("body", [[], ["basket"], "basket"])
def test_checking_out_with_a_body_that_is_not_an_object_answers_400_and_places_nothing(api, product, body):
    api.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 1}, format="json")

    response = api.post("/api/checkout/", body, format="json")

    assert response.status_code == 400
    assert not get_model("order", "Order").objects.exists()
    assert Basket.objects.get().status == Basket.OPEN


def test_a_basket_update_cannot_write_its_computed_totals(api, shopper, product):
    client = bearer(obtain_tokens(api, shopper)["access"])
    client.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 2}, format="json")
    basket = client.get("/api/basket/").json()

    response = client.patch(
        f"/api/baskets/{basket['id']}/", {"currency": "USD", "total_excl_tax": "0.01"}, format="json"
    )

    # Before: 500, the basket's totals being properties without a setter.
    assert response.status_code == 200
    after = client.get("/api/basket/").json()
    assert (after["currency"], after["total_excl_tax"]) == (basket["currency"], basket["total_excl_tax"])


def test_the_schema_says_an_id_in_a_path_is_a_non_negative_integer(schema):
    # Django's <int:pk> matches digits only; "-5" reached oscar-api's /categories/{breadcrumbs}/.
    (parameter,) = schema["paths"]["/api/admin/categories/{id}/"]["get"]["parameters"]

    assert parameter["schema"] == {"type": "integer", "minimum": 0}
