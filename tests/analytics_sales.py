"""Fixtures of the analytics export tests: a private exports directory and a day with orders."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test.factories import UserFactory, create_order, create_product, create_stockrecord

Basket = get_model("basket", "Basket")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
Order = get_model("order", "Order")
UserProductView = get_model("analytics", "UserProductView")
Selector = get_class("partner.strategy", "Selector")

EXPORT_DAY = date(2026, 11, 20)


@pytest.fixture
def exports_dir(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {
            "BACKEND": "ptashka.analytics.storage.ReplacingFileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        },
    }
    return tmp_path


def placed_at(day, hour):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def order_on(day, hour, product, quantity=1, user=None):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity)
    order = create_order(basket=basket, user=user)
    Order.objects.filter(pk=order.pk).update(date_placed=placed_at(day, hour))
    return order


@pytest.fixture
def export_date():
    return EXPORT_DAY


@pytest.fixture
def place_order():
    return order_on


@pytest.fixture
def day_of_sales(db):
    """Two orders on EXPORT_DAY (one guest), one the day after; a towel in two categories."""
    textiles = Category.add_root(name="Текстиль")
    gifts = Category.add_root(name="Подарунки")
    towel = create_product(title="Рушник вишитий")
    create_stockrecord(towel, price=Decimal("25.00"), num_in_stock=50)
    ProductCategory.objects.create(product=towel, category=textiles)
    ProductCategory.objects.create(product=towel, category=gifts)
    jug = create_product(title="Глечик")
    create_stockrecord(jug, price=Decimal("18.50"), num_in_stock=50)
    ProductCategory.objects.create(product=jug, category=gifts)

    shopper = UserFactory(email="shopper@example.com")
    first = order_on(EXPORT_DAY, 9, towel, quantity=2, user=shopper)
    second = order_on(EXPORT_DAY, 23, jug)
    order_on(date(2026, 11, 21), 0, jug)  # just after midnight in Kyiv: the next day
    view = UserProductView.objects.create(user=shopper, product=towel)
    UserProductView.objects.filter(pk=view.pk).update(date_created=placed_at(EXPORT_DAY, 8))
    return {"orders": [first, second], "towel": towel, "jug": jug}
