"""The admin catalogue API against malformed and hostile bodies: a 4xx, nothing fetched, nothing changed."""

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from oscar.core.loading import get_model
from oscar.test.factories import (
    AttributeOptionFactory,
    AttributeOptionGroupFactory,
    CategoryFactory,
    ProductAttributeFactory,
    ProductClassFactory,
    UserFactory,
    create_product,
)
from oscarapi.serializers.fields import LazyRemoteFile
from PIL import Image
from rest_framework.exceptions import ValidationError

from tests.functional.api.api_steps import bearer, obtain_tokens, product_url

AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")
Basket = get_model("basket", "Basket")
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(api):
    user = UserFactory(is_staff=True, is_superuser=True)
    return bearer(obtain_tokens(api, user)["access"])


@pytest.fixture
def shirts():
    product_class = ProductClassFactory(name="Сорочки", slug="sorochky")
    ProductAttributeFactory(product_class=product_class, code="weight", name="Weight", type="integer")
    ProductAttributeFactory(product_class=product_class, code="photo", name="Photo", type="image")
    colours = AttributeOptionGroupFactory(name="Кольори")
    AttributeOptionFactory(group=colours, option="червоний")
    ProductAttributeFactory(
        product_class=product_class, code="colour", name="Colour", type="option", option_group=colours
    )
    return product_class


def new_product(**fields):
    return {
        "title": "Рушник",
        "slug": "rushnyk",
        "upc": "rushnyk-1",
        "product_class": "sorochky",
        "structure": "standalone",
        **fields,
    }


@pytest.fixture
def image_in_media():
    """A PNG already in the shop's media, named as a client would: by its URL."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    name = default_storage.save("images/tests/admin-api.png", ContentFile(buffer.getvalue()))
    yield f"http://testserver{default_storage.url(name)}"
    default_storage.delete(name)


@pytest.fixture
def loopback_server():
    """A server on loopback that counts the requests it gets: the API must send it none."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            received.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    server.server_close()


# --- images: the API fetches nothing and reads only the shop's media ---------------------------

HOSTILE_IMAGE_URLS = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://testserver/media/../../../../etc/passwd",
    "http://testserver/media/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "http://testserver/etc/passwd",
    "/media/../settings.py",
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_FLUSHALL",
]


@pytest.mark.parametrize("url", HOSTILE_IMAGE_URLS)
def test_a_product_image_at_a_foreign_or_escaping_url_answers_400_and_creates_nothing(staff, shirts, url):
    response = staff.post("/api/admin/products/", new_product(images=[{"original": url}]), format="json")

    assert response.status_code == 400, response.content
    assert "images" in response.json()
    assert not Product.objects.filter(upc="rushnyk-1").exists()
    assert not ProductImage.objects.exists()


def test_a_product_image_url_on_loopback_is_never_fetched(staff, shirts, loopback_server):
    base_url, received = loopback_server

    response = staff.post(
        "/api/admin/products/",
        new_product(images=[{"original": f"{base_url}/vyshyvanka.png"}]),
        format="json",
    )

    assert response.status_code == 400
    assert received == []
    assert not Product.objects.filter(upc="rushnyk-1").exists()


def test_oscar_apis_remote_file_downloads_nothing_whoever_builds_one(loopback_server):
    base_url, received = loopback_server
    remote = LazyRemoteFile(f"{base_url}/vyshyvanka.png")

    with pytest.raises(ValidationError):
        remote.read()
    assert received == []


def test_a_product_image_already_in_the_shops_media_is_taken_by_its_url(staff, shirts, image_in_media):
    response = staff.post(
        "/api/admin/products/", new_product(images=[{"original": image_in_media}]), format="json"
    )

    assert response.status_code == 201, response.content
    (image,) = ProductImage.objects.filter(product__upc="rushnyk-1")
    assert image.original.read()[:8] == b"\x89PNG\r\n\x1a\n"
    image.original.delete(save=False)


def test_a_missing_media_file_answers_400(staff, shirts):
    response = staff.post(
        "/api/admin/products/",
        new_product(images=[{"original": "http://testserver/media/images/no-such-file.png"}]),
        format="json",
    )

    assert response.status_code == 400
    assert not Product.objects.filter(upc="rushnyk-1").exists()


@pytest.mark.parametrize("url", HOSTILE_IMAGE_URLS[:3])
def test_an_image_attribute_at_a_foreign_or_escaping_url_answers_400_and_creates_nothing(staff, shirts, url):
    response = staff.post(
        "/api/admin/products/", new_product(attributes=[{"code": "photo", "value": url}]), format="json"
    )

    assert response.status_code == 400, response.content
    assert not Product.objects.filter(upc="rushnyk-1").exists()


@pytest.mark.parametrize("url", HOSTILE_IMAGE_URLS[:3])
def test_a_category_image_at_a_foreign_or_escaping_url_answers_400_and_creates_nothing(staff, url):
    response = staff.post("/api/admin/categories/", {"name": "Глечики", "image": url}, format="json")

    assert response.status_code == 400, response.content
    assert not Category.objects.filter(name="Глечики").exists()


# --- the basket's owner ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_shopper_cannot_hand_their_basket_to_another_user(api, shopper, other_shopper, product, method):
    client = bearer(obtain_tokens(api, shopper)["access"])
    client.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 1}, format="json")
    basket = client.get("/api/basket/").json()

    response = getattr(client, method)(
        f"/api/baskets/{basket['id']}/",
        {"owner": f"http://testserver/api/users/{other_shopper.pk}/", "status": "Open"},
        format="json",
    )

    assert response.status_code == 200
    assert Basket.objects.get(pk=basket["id"]).owner == shopper
    assert not Basket.objects.filter(owner=other_shopper).exists()


# --- products ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        new_product(product_class=None),
        new_product(product_class=None, structure=None),
        {"title": "Рушник", "slug": "rushnyk", "upc": "rushnyk-1", "product_class": None},
        new_product(structure="child"),
        new_product(structure="child", parent=999999),
        new_product(attributes="weight"),
        new_product(attributes=["weight", 3]),
        new_product(attributes={"code": "weight", "value": 3}),
        new_product(attributes=[{"code": {"nested": True}, "value": 3}]),
        new_product(attributes=[{"code": "weight", "value": {"kg": 3}}]),
        new_product(attributes=[{"code": "weight", "value": 10**30}]),
        new_product(attributes=[{"code": "colour", "value": "фіолетовий"}]),
        new_product(attributes=[{"code": "colour", "value": ["червоний"]}]),
        new_product(attributes=[{"code": "no-such-attribute", "value": 1}]),
        new_product(categories=[5]),
        new_product(categories=[{"name": "Кераміка"}]),
        new_product(categories=["Кераміка > "]),
        new_product(categories=["к" * 300]),
        new_product(title="Руш\x00ник"),
        new_product(upc="\x00"),
        new_product(product_class="soro\x00chky"),
        ["not", "an", "object"],
    ],
)
def test_creating_a_product_from_a_malformed_body_answers_400_and_creates_nothing(staff, shirts, body):
    categories_before = Category.objects.count()

    response = staff.post("/api/admin/products/", body, format="json")

    assert response.status_code == 400, response.content
    assert Product.objects.count() == 0
    assert Category.objects.count() == categories_before


def test_an_integer_beyond_what_the_database_stores_answers_400(staff, shirts):
    response = staff.post(
        "/api/admin/products/", new_product(attributes=[{"code": "weight", "value": 10**30}]), format="json"
    )

    assert response.status_code == 400, response.content
    assert Product.objects.count() == 0


def test_a_well_formed_product_is_created_with_its_attributes_and_category(staff, shirts):
    response = staff.post(
        "/api/admin/products/",
        new_product(
            attributes=[{"code": "weight", "value": 300}, {"code": "colour", "value": "червоний"}],
            categories=["Текстиль > Рушники"],
        ),
        format="json",
    )

    assert response.status_code == 201, response.content
    product = Product.objects.get(upc="rushnyk-1")
    assert (product.attr.weight, product.attr.colour.option) == (300, "червоний")
    assert [category.full_name for category in product.categories.all()] == ["Текстиль > Рушники"]


@pytest.mark.parametrize("body", [{"product_class": None}, {"structure": "child"}, {"attributes": [7]}])
def test_a_partial_update_that_would_break_the_product_answers_400_and_changes_nothing(staff, shirts, body):
    product = create_product(product_class=shirts, title="Рушник", upc="rushnyk-1")

    response = staff.patch(f"/api/admin/products/{product.pk}/", body, format="json")

    assert response.status_code == 400, response.content
    product.refresh_from_db()
    assert (product.product_class, product.structure) == (shirts, "standalone")


def test_a_partial_update_of_attributes_needs_no_product_class_in_the_body(staff, shirts):
    product = create_product(product_class=shirts, title="Рушник", upc="rushnyk-1")

    response = staff.patch(
        f"/api/admin/products/{product.pk}/",
        {"attributes": [{"code": "weight", "value": 250}]},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert Product.objects.get(pk=product.pk).attr.weight == 250


@pytest.mark.parametrize("identity", [{"id": "not-a-number"}, {"id": {"pk": 1}}, {"id": [1]}])
def test_updating_through_the_product_list_with_a_malformed_id_answers_400(staff, shirts, identity):
    product = create_product(product_class=shirts, title="Рушник", upc="rushnyk-1")

    response = staff.patch("/api/admin/products/", {**identity, "title": "Інший"}, format="json")

    assert response.status_code == 400, response.content
    product.refresh_from_db()
    assert product.title == "Рушник"


def test_updating_through_the_product_list_with_an_id_and_upc_of_two_products_answers_400(staff, shirts):
    first = create_product(product_class=shirts, title="Рушник", upc="rushnyk-1")
    create_product(product_class=shirts, title="Глечик", upc="hlechyk-1")

    response = staff.patch(
        "/api/admin/products/", {"id": first.pk, "upc": "hlechyk-1", "title": "Інший"}, format="json"
    )

    assert response.status_code == 400, response.content
    assert not Product.objects.filter(title="Інший").exists()


# --- categories --------------------------------------------------------------------------------


def test_a_category_with_a_ukrainian_name_gets_a_slug_and_a_second_one_its_own(staff):
    first = staff.post("/api/admin/categories/", {"name": "Кераміка"}, format="json")
    second = staff.post("/api/admin/categories/", {"name": "Текстиль"}, format="json")

    assert (first.status_code, second.status_code) == (201, 201), second.content
    assert Category.objects.get(name="Кераміка").slug != Category.objects.get(name="Текстиль").slug


def test_a_public_category_path_with_a_nul_character_answers_404(api):
    assert api.get("/api/categories/kera%00mika/").status_code == 404


def test_a_category_path_with_a_nul_character_lists_nothing_and_creates_nothing(staff):
    listed = staff.get("/api/admin/categories/kera%00mika/")
    created = staff.post("/api/admin/categories/kera%00mika/", {"name": "Глечики"}, format="json")

    assert (listed.status_code, listed.json()["results"]) == (200, [])
    assert created.status_code == 400, created.content
    assert not Category.objects.exists()


def test_creating_a_category_where_two_share_the_slug_answers_400(staff):
    Category.add_root(name="Кераміка", slug="keramika")
    Category.add_root(name="Кераміка 2", slug="keramika")

    response = staff.post("/api/admin/categories/", {"name": "Кераміка", "slug": "keramika"}, format="json")

    assert response.status_code == 400, response.content
    assert Category.objects.count() == 2


@pytest.mark.parametrize(
    "path, body",
    [
        ("/api/admin/categories/", {"name": "#)¢±"}),
        ("/api/admin/categories/Kitchen%20%26%20Table/", {"name": "Jugs"}),
    ],
)
def test_a_category_that_would_get_no_valid_slug_answers_400_and_creates_nothing(staff, path, body):
    response = staff.post(path, body, format="json")

    assert response.status_code == 400, response.content
    assert not Category.objects.exists()


# --- attribute option groups -------------------------------------------------------------------


def test_a_partial_update_of_an_option_group_keeps_what_it_leaves_out(staff):
    group = AttributeOptionGroupFactory(name="Кольори")
    AttributeOptionFactory(group=group, option="червоний")

    renamed = staff.patch(f"/api/admin/attributeoptiongroups/{group.pk}/", {"name": "Барви"}, format="json")
    more_options = staff.patch(
        f"/api/admin/attributeoptiongroups/{group.pk}/", {"options": ["червоний", "синій"]}, format="json"
    )

    assert (renamed.status_code, more_options.status_code) == (200, 200), more_options.content
    group.refresh_from_db()
    assert group.name == "Барви"
    assert sorted(group.options.values_list("option", flat=True)) == ["синій", "червоний"]


@pytest.mark.parametrize("options", [[None], [{"option": "a"}], [""], [7], ["я" * 256], "червоний"])
def test_an_option_group_with_malformed_options_answers_400_and_changes_nothing(staff, options):
    group = AttributeOptionGroupFactory(name="Кольори")
    AttributeOptionFactory(group=group, option="червоний")

    created = staff.post(
        "/api/admin/attributeoptiongroups/", {"name": "Розміри", "options": options}, format="json"
    )
    updated = staff.put(
        f"/api/admin/attributeoptiongroups/{group.pk}/", {"name": "Барви", "options": options}, format="json"
    )

    assert (created.status_code, updated.status_code) == (400, 400), (created.content, updated.content)
    assert list(AttributeOptionGroup.objects.values_list("name", flat=True)) == ["Кольори"]
    assert list(group.options.values_list("option", flat=True)) == ["червоний"]


# --- the bulk category tree --------------------------------------------------------------------


def test_only_staff_may_replace_the_category_tree(api, shopper):
    CategoryFactory(name="Кераміка", code="keramika")
    shopper_client = bearer(obtain_tokens(api, shopper)["access"])
    tree = [{"data": {"code": "keramika", "name": "Зламано"}}]

    anonymous = api.post("/api/categories-bulk/", tree, format="json")
    signed_in = shopper_client.post("/api/categories-bulk/", tree, format="json")

    assert (anonymous.status_code, signed_in.status_code) == (401, 403)
    assert Category.objects.get(code="keramika").name == "Кераміка"


@pytest.mark.parametrize(
    "tree",
    [
        {"data": {"code": "keramika", "name": "Кераміка"}},
        ["keramika"],
        [{"code": "keramika", "name": "Кераміка"}],
        [{"data": "keramika"}],
        [{"data": {"name": "Без коду"}}],
        [{"data": {"code": "keramika", "name": "Кераміка", "path": "0001", "depth": 7}}],
        [{"data": {"code": "keramika", "name": "Кераміка"}, "children": "glechyky"}],
        [
            {
                "data": {"code": "keramika", "name": "Кераміка"},
                "children": [{"data": {"code": "keramika", "name": "Ще"}}],
            }
        ],
        [{"data": {"code": "kera\x00mika", "name": "Кераміка"}}],
    ],
)
def test_a_malformed_category_tree_answers_400_and_changes_nothing(staff, tree):
    CategoryFactory(name="Текстиль", code="tekstyl")
    before = Category.dump_bulk(keep_ids=True)

    response = staff.post("/api/categories-bulk/", tree, format="json")

    assert response.status_code == 400, response.content
    assert Category.dump_bulk(keep_ids=True) == before


def test_a_category_tree_is_upserted_by_code(staff):
    CategoryFactory(name="Текстиль", code="tekstyl")

    response = staff.post(
        "/api/categories-bulk/",
        [
            {"data": {"code": "tekstyl", "name": "Текстиль і вишивка"}},
            {
                "data": {"code": "keramika", "name": "Кераміка"},
                "children": [{"data": {"code": "hlechyky", "name": "Глечики"}}],
            },
        ],
        format="json",
    )

    assert response.status_code == 200, response.content
    assert Category.objects.get(code="tekstyl").name == "Текстиль і вишивка"
    assert Category.objects.get(code="hlechyky").full_name == "Кераміка > Глечики"
