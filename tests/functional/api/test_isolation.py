"""Isolation: no shopper reads or changes another's basket, order, address or token: 404, as for any id."""

import pytest
from oscar.core.loading import get_model
from oscar.test.factories import UserAddressFactory, create_order
from rest_framework.test import APIClient

from tests.functional.api.api_steps import bearer, obtain_tokens, product_url, refused_checkout_commits

Basket = get_model("basket", "Basket")
BasketLineAttribute = get_model("basket", "LineAttribute")
Option = get_model("catalogue", "Option")
Order = get_model("order", "Order")
OrderLineAttribute = get_model("order", "LineAttribute")
UserAddress = get_model("address", "UserAddress")

pytestmark = pytest.mark.django_db

# Far beyond any id the test database hands out.
GUESSED_ID = 987654


class Belongings:
    """What one shopper owns, made through the API where the API makes it."""

    def __init__(self, client, user, product):
        self.client = client
        client.post("/api/basket/add-product/", {"url": product_url(product), "quantity": 2}, format="json")
        self.basket = Basket.objects.get(pk=client.get("/api/basket/").json()["id"])
        self.line = self.basket.all_lines()[0]
        option, _ = Option.objects.get_or_create(code="engraving", defaults={"name": "Engraving"})
        self.line_attribute = BasketLineAttribute.objects.create(
            line=self.line, option=option, value="Для мами"
        )
        if user is not None:
            self.order = create_order(user=user)
            self.order_line = self.order.lines.get()
            self.order_line_attribute = OrderLineAttribute.objects.create(
                line=self.order_line, option=option, type="Engraving", value="Для тата"
            )
            self.address = UserAddressFactory(user=user)

    def snapshot(self):
        self.basket.refresh_from_db()
        return (
            self.basket.status,
            [(line.pk, line.quantity) for line in self.basket.all_lines()],
            list(
                BasketLineAttribute.objects.filter(line__basket=self.basket).values_list("value", flat=True)
            ),
        )


@pytest.fixture
def victim(shopper, product):
    return Belongings(bearer(obtain_tokens(APIClient(), shopper)["access"]), shopper, product)


@pytest.fixture
def intruder(other_shopper, product):
    return Belongings(bearer(obtain_tokens(APIClient(), other_shopper)["access"]), other_shopper, product)


# (method, URL of the victim's object, URL of a made-up object of the same kind)
def basket_urls(v):
    return [
        ("get", f"/api/baskets/{v.basket.pk}/", f"/api/baskets/{GUESSED_ID}/"),
        ("put", f"/api/baskets/{v.basket.pk}/", f"/api/baskets/{GUESSED_ID}/"),
        ("patch", f"/api/baskets/{v.basket.pk}/", f"/api/baskets/{GUESSED_ID}/"),
        ("delete", f"/api/baskets/{v.basket.pk}/", f"/api/baskets/{GUESSED_ID}/"),
        ("get", f"/api/baskets/{v.basket.pk}/lines/", f"/api/baskets/{GUESSED_ID}/lines/"),
        (
            "get",
            f"/api/baskets/{v.basket.pk}/lines/{v.line.pk}/",
            f"/api/baskets/{v.basket.pk}/lines/{GUESSED_ID}/",
        ),
        (
            "patch",
            f"/api/baskets/{v.basket.pk}/lines/{v.line.pk}/",
            f"/api/baskets/{GUESSED_ID}/lines/{v.line.pk}/",
        ),
        ("delete", f"/api/baskets/{v.basket.pk}/lines/{v.line.pk}/", f"/api/baskets/{GUESSED_ID}/lines/1/"),
        (
            "get",
            f"/api/baskets/{v.basket.pk}/lines/{v.line.pk}/lineattributes/{v.line_attribute.pk}/",
            f"/api/baskets/{v.basket.pk}/lines/{v.line.pk}/lineattributes/{GUESSED_ID}/",
        ),
        (
            "patch",
            f"/api/baskets/{v.basket.pk}/lines/{v.line.pk}/lineattributes/{v.line_attribute.pk}/",
            f"/api/baskets/{GUESSED_ID}/lines/{v.line.pk}/lineattributes/{v.line_attribute.pk}/",
        ),
    ]


def order_and_address_urls(v):
    return [
        ("get", f"/api/orders/{v.order.pk}/", f"/api/orders/{GUESSED_ID}/"),
        ("get", f"/api/orders/{v.order.pk}/lines/", f"/api/orders/{GUESSED_ID}/lines/"),
        ("get", f"/api/orderlines/{v.order_line.pk}/", f"/api/orderlines/{GUESSED_ID}/"),
        (
            "get",
            f"/api/orderlineattributes/{v.order_line_attribute.pk}/",
            f"/api/orderlineattributes/{GUESSED_ID}/",
        ),
        ("get", f"/api/useraddresses/{v.address.pk}/", f"/api/useraddresses/{GUESSED_ID}/"),
        ("put", f"/api/useraddresses/{v.address.pk}/", f"/api/useraddresses/{GUESSED_ID}/"),
        ("patch", f"/api/useraddresses/{v.address.pk}/", f"/api/useraddresses/{GUESSED_ID}/"),
        ("delete", f"/api/useraddresses/{v.address.pk}/", f"/api/useraddresses/{GUESSED_ID}/"),
    ]


WRITE_BODY = {"quantity": 99, "value": "hacked", "line1": "Хрещатик 1", "status": "Frozen"}


def call(client, method, url):
    if method in ("get", "delete"):
        return getattr(client, method)(url)
    return getattr(client, method)(url, WRITE_BODY, format="json")


def test_another_users_basket_lines_and_attributes_answer_404_like_made_up_ids(victim, intruder):
    before = victim.snapshot()

    for method, url, guessed in basket_urls(victim):
        theirs = call(intruder.client, method, url)
        made_up = call(intruder.client, method, guessed)
        assert theirs.status_code == 404, (method, url, theirs.status_code)
        assert made_up.status_code == 404, (method, guessed, made_up.status_code)

    assert victim.snapshot() == before


def test_another_users_orders_and_addresses_answer_404_like_made_up_ids(victim, intruder):
    address_before = UserAddress.objects.filter(pk=victim.address.pk).values().get()

    for method, url, guessed in order_and_address_urls(victim):
        theirs = call(intruder.client, method, url)
        made_up = call(intruder.client, method, guessed)
        assert theirs.status_code == 404, (method, url, theirs.status_code)
        assert made_up.status_code == 404, (method, guessed, made_up.status_code)

    assert UserAddress.objects.filter(pk=victim.address.pk).values().get() == address_before


def test_lists_show_only_the_callers_own(victim, intruder):
    orders = intruder.client.get("/api/orders/").json()["results"]
    addresses = intruder.client.get("/api/useraddresses/").json()["results"]
    baskets = intruder.client.get("/api/baskets/").json()["results"]

    assert [order["number"] for order in orders] == [str(intruder.order.number)]
    assert [address["id"] for address in addresses] == [intruder.address.pk]
    assert [basket["id"] for basket in baskets] == [intruder.basket.pk]


def test_adding_a_line_to_another_users_basket_answers_404(victim, intruder, second_product):
    before = victim.snapshot()
    body = {
        "basket": f"http://testserver/api/baskets/{victim.basket.pk}/",
        "product": product_url(second_product),
        "quantity": 1,
    }

    response = intruder.client.post(f"/api/baskets/{victim.basket.pk}/lines/", body, format="json")
    through_own_url = intruder.client.post(f"/api/baskets/{intruder.basket.pk}/lines/", body, format="json")

    assert response.status_code == 404
    assert through_own_url.status_code == 404
    assert victim.snapshot() == before


@refused_checkout_commits
def test_checking_out_another_users_basket_answers_404_and_places_nothing(victim, intruder):
    orders_before = Order.objects.count()

    response = intruder.client.post(
        "/api/checkout/",
        {"basket": f"http://testserver/api/baskets/{victim.basket.pk}/", "guest_email": "x@example.com"},
        format="json",
    )

    assert response.status_code == 404
    assert Order.objects.count() == orders_before
    assert victim.basket.status == Basket.OPEN


def test_a_guest_cannot_take_over_a_basket_by_guessing_its_line_url(victim, product):
    guest = Belongings(APIClient(), None, product)
    victims_guest = Belongings(APIClient(), None, product)
    before = victim.snapshot(), victims_guest.snapshot()

    for target in (victim, victims_guest):
        line_url = f"/api/baskets/{target.basket.pk}/lines/{target.line.pk}/"
        assert guest.client.get(line_url).status_code == 404
        # oscar-api would have stored the guessed basket in the guest's session by now.
        assert guest.client.get(f"/api/baskets/{target.basket.pk}/").status_code == 404
        assert guest.client.delete(line_url).status_code == 404

    assert (victim.snapshot(), victims_guest.snapshot()) == before
    assert guest.client.get("/api/basket/").json()["id"] == guest.basket.pk


def test_anonymous_callers_get_no_orders_or_addresses(victim):
    anonymous = APIClient()

    for method, url, _ in order_and_address_urls(victim):
        response = call(anonymous, method, url)
        assert response.status_code in (401, 404), (method, url, response.status_code)
        assert response.status_code != 200


def test_signing_out_another_users_refresh_token_answers_404_and_it_keeps_working(shopper, other_shopper):
    theirs = obtain_tokens(APIClient(), shopper)
    mine = obtain_tokens(APIClient(), other_shopper)

    response = bearer(mine["access"]).post("/api/auth/logout/", {"refresh": theirs["refresh"]}, format="json")

    assert response.status_code == 404
    refreshed = APIClient().post("/api/auth/token/refresh/", {"refresh": theirs["refresh"]}, format="json")
    assert refreshed.status_code == 200


def test_the_admin_api_refuses_shoppers_whatever_the_id(victim, intruder):
    # Staff-only: refused before any lookup, so the answer is the same for every id.
    for url in (
        f"/api/admin/orders/{victim.order.pk}/",
        f"/api/admin/orders/{GUESSED_ID}/",
        "/api/admin/orders/",
    ):
        assert intruder.client.get(url).status_code == 403


def test_a_new_guest_sees_no_baskets_but_their_own(victim):
    guest = APIClient()

    first = guest.get("/api/baskets/")
    own = guest.get("/api/basket/").json()["id"]
    then = guest.get("/api/baskets/")

    assert first.status_code == 200
    assert [basket["id"] for basket in first.json()["results"]] in ([], [own])
    assert [basket["id"] for basket in then.json()["results"]] == [own]
