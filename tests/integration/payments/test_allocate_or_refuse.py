"""Stock is reserved only while enough is free, checked and written in one step."""

import pytest
from oscar.test.factories import create_product, create_stockrecord

from forked_apps.partner.exceptions import NoLongerInStock

pytestmark = pytest.mark.django_db


def test_allocating_what_is_free_reserves_it():
    stock = create_stockrecord(create_product(), num_in_stock=3)

    stock.allocate(2)

    stock.refresh_from_db()
    assert stock.num_allocated == 2


def test_allocating_more_than_is_free_is_refused_and_reserves_nothing():
    stock = create_stockrecord(create_product(title="Глечик"), num_in_stock=3)
    stock.allocate(2)

    with pytest.raises(NoLongerInStock, match="Глечик.*no longer in stock"):
        stock.allocate(2)

    stock.refresh_from_db()
    assert stock.num_allocated == 2


def test_a_stale_copy_of_the_stock_record_cannot_oversell():
    stock = create_stockrecord(create_product(), num_in_stock=1)
    stale = type(stock).objects.get(pk=stock.pk)
    stock.allocate(1)  # someone else took the last unit after `stale` was read

    with pytest.raises(NoLongerInStock):
        stale.allocate(1)

    stock.refresh_from_db()
    assert stock.num_allocated == 1
