"""What the storefront says of stock: "In stock" while plenty are left, how many under the threshold."""

import pytest
from oscar.core.loading import get_class
from oscar.test import factories

from forked_apps.partner.availability import StockRequired, shown_stock

Selector = get_class("partner.strategy", "Selector")


def test_plenty_of_stock_says_in_stock_without_a_number():
    plenty = StockRequired(num_available=37, threshold=5)
    assert plenty.message == "In stock"
    assert plenty.code == "instock"
    assert plenty.is_purchase_permitted(37) == (True, "")


def test_at_or_under_the_threshold_it_says_how_many_are_left():
    assert StockRequired(num_available=5, threshold=5).message == "Only 5 left"
    assert StockRequired(num_available=1, threshold=5).message == "Only 1 left"
    assert StockRequired(num_available=6, threshold=5).message == "In stock"


def test_no_stock_is_unavailable_and_cannot_be_bought():
    none_left = StockRequired(num_available=0, threshold=5)
    assert none_left.message == "Unavailable"
    assert none_left.is_purchase_permitted(1)[0] is False


def test_the_shown_level_moves_only_under_the_threshold():
    assert shown_stock(40, 5) == shown_stock(6, 5) == 6
    assert [shown_stock(level, 5) for level in (5, 4, 1)] == [5, 4, 1]
    assert shown_stock(0, 5) == shown_stock(-2, 5) == 0


@pytest.mark.django_db
def test_the_shops_strategy_uses_each_records_own_threshold_or_the_setting(settings):
    settings.LOW_STOCK_THRESHOLD = 5
    product = factories.create_product(price="10.00", num_in_stock=3)
    strategy = Selector().strategy()
    assert strategy.fetch_for_product(product).availability.message == "Only 3 left"

    record = product.stockrecords.get()
    record.low_stock_threshold = 2
    record.save()
    assert strategy.fetch_for_product(product).availability.message == "In stock"
