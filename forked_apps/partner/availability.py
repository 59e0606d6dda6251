"""Availability as the storefront words it: "In stock", "Only 3 left", "Unavailable".

Oscar's says "In stock (37 available)", so every unit sold changed every page showing the product,
and each order emptied the page cache. A shop says how many are left only when few are; the level
a page shows (shown_stock) then changes only when stock crosses the record's low-stock threshold,
and only those changes make cached pages stale (StockRecord.changes_storefront).
"""

from django.conf import settings
from django.utils.translation import ngettext
from oscar.apps.partner import availability


def low_stock_threshold(stockrecord):
    threshold = getattr(stockrecord, "low_stock_threshold", None)
    return settings.LOW_STOCK_THRESHOLD if threshold is None else threshold


def shown_stock(num_available, threshold):
    """What a page says of this stock level: 0 (unavailable), the number when it is at or under the
    threshold, and one value for every level above it."""
    return min(max(num_available, 0), threshold + 1)


class StockRequired(availability.StockRequired):
    def __init__(self, num_available, threshold):
        super().__init__(num_available)
        self.threshold = threshold

    @property
    def is_low(self):
        return 0 < self.num_available <= self.threshold

    @property
    def message(self):
        if self.is_low:
            return ngettext("Only %(count)d left", "Only %(count)d left", self.num_available) % {
                "count": self.num_available
            }
        return self.short_message
