"""The suite's one shopper and one small shop, and a guest's walk through checkout to the preview."""

from decimal import Decimal
from functools import cached_property

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test import factories

Category = get_model("catalogue", "Category")
Country = get_model("address", "Country")
OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")
Range = get_model("offer", "Range")

# oscar's UserFactory gives every user this password.
PASSWORD = "skelebrain"

ADDRESS = {
    "first_name": "Оксана",
    "last_name": "Коваль",
    "line1": "вул. Хрещатик, 1",
    "line4": "Київ",
    "postcode": "01001",
    "country": "UA",
}


def staff_who_handles_orders(email):
    """Staff allowed to change orders, as the Shop managers group is: they get the new-order emails."""
    user = factories.UserFactory(email=email, is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="order", codename="change_order")
    )
    return user


@pytest.fixture
def shopper(db):
    """A signed-up, active customer (password PASSWORD)."""
    return factories.UserFactory(email="oksana@example.com")


class SmallShop:
    """Two public categories, and what a test adds with ``add_product`` / ``add_offer``, as Oscar's
    dashboard would. ``products`` are the checkout's two: they, Ukraine as a shipping country and one
    paid shipping method (5.00 per order) are made the first time a test asks for them."""

    def __init__(self):
        self.ceramics = Category.add_root(name="Ceramics", slug="ceramics", is_public=True)
        self.textiles = Category.add_root(name="Textiles", slug="textiles", is_public=True)
        self.count = 0

    @cached_property
    def products(self):
        """Two products in EUR with 10 in stock, a shipping country and method to buy them with."""
        Country.objects.get_or_create(
            iso_3166_1_a2="UA",
            defaults={"name": "Ukraine", "printable_name": "Ukraine", "is_shipping_country": True},
        )
        products = []
        for title, price in (("Писанка", "12.00"), ("Вишиванка", "40.50")):
            product = factories.create_product(title=title)
            factories.create_stockrecord(product, price=price, num_in_stock=10, currency="EUR")
            products.append(product)
        self.shipping = OrderAndItemCharges.objects.create(
            code="nova-poshta",
            name="Nova Poshta",
            price_per_order=Decimal("5.00"),
            price_per_item=Decimal("0.00"),
        )
        return products

    @property
    def product(self):
        return self.products[0]

    def add_product(self, title=None, price="19.50", stock=10, category=None, with_image=False, **kwargs):
        """A product in a category; ``price=None`` makes one without a stock record (a parent of variants)."""
        self.count += 1
        stock_fields = {}
        if price is not None:
            stock_fields = {
                "price": Decimal(price),
                "num_in_stock": stock,
                "partner_name": "Ptashka Warehouse",
            }
        product = factories.create_product(
            title=title or f"Kosiv jug {self.count}",
            upc=f"48207001{self.count:05d}",
            **stock_fields,
            **kwargs,
        )
        if product.parent_id is None:
            product.categories.add(category or self.ceramics)
        if with_image:
            factories.create_product_image(product=product, original=ContentFile(_PNG, name="jug.png"))
        return product

    def add_products(self, count, **kwargs):
        return [self.add_product(**kwargs) for _ in range(count)]

    def add_offer(self, name="10% off ceramics", category=None, **kwargs):
        product_range = Range.objects.create(name=f"{name} range", is_public=True)
        product_range.included_categories.add(category or self.ceramics)
        condition = factories.ConditionFactory(range=product_range, type="Count", value=1)
        benefit = factories.BenefitFactory(range=product_range, type="Percentage", value=10)
        return factories.create_offer(name=name, condition=condition, benefit=benefit, **kwargs)


@pytest.fixture
def small_shop(db, settings, tmp_path):
    """The small shop (SmallShop); its product images go to this test's own folder."""
    settings.MEDIA_ROOT = tmp_path
    return SmallShop()


def walk_to_preview(client, products, email="guest@example.com", quantity=1):
    """A guest puts products in the basket and goes through checkout up to the preview page."""
    for product in products:
        added = client.post(reverse("basket:add", args=[product.pk]), {"quantity": quantity})
        assert added.status_code == 302
    client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    methods = client.get(reverse("checkout:shipping-method"))
    if methods.status_code == 200:  # more than one method: choose the first offered
        code = methods.context["methods"][0].code
        client.post(reverse("checkout:shipping-method"), {"method_code": code})
    return client.get(reverse("checkout:payment-details"))


@pytest.fixture
def to_preview():
    return walk_to_preview


# The smallest valid PNG: a product image the thumbnailer can read.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2"
    "21bc330000000049454e44ae426082"
)
