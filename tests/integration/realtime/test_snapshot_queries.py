"""The snapshot a live order page gets costs the same few queries however long the order's story is."""

import pytest
from oscar.core.loading import get_model
from oscar.test.factories import ShippingEventTypeFactory, create_order

from ptashka.realtime.snapshots import order_snapshot

ShippingEvent = get_model("order", "ShippingEvent")

pytestmark = pytest.mark.django_db


def test_snapshot_query_count_does_not_grow_with_history(django_assert_num_queries):
    short = create_order(status="Pending")
    long = create_order(status="Pending")
    for status in ("Paid", "Being processed", "Dispatched", "Complete"):
        long.set_status(status)
    event_type = ShippingEventTypeFactory(name="Dispatched")
    for reference in ("NP-1", "NP-2", "NP-3"):
        ShippingEvent.objects.create(order=long, event_type=event_type, notes=reference)

    with django_assert_num_queries(4):
        order_snapshot(short.pk)
    with django_assert_num_queries(4):
        snapshot = order_snapshot(long.pk)

    assert snapshot["status"] == "Complete"
    assert len(snapshot["history"]) == 4
    assert snapshot["tracking"]["reference"] == "NP-3"
