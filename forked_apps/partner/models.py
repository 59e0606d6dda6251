"""Models of the partner app: Oscar's, with a stock record that never allocates more than it has."""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.apps.partner.abstract_models import AbstractStockRecord

from .availability import low_stock_threshold, shown_stock
from .exceptions import NoLongerInStock


class StockRecord(AbstractStockRecord):
    def changes_storefront(self):
        """Whether the save being signalled changes what a page shows of this record.

        False only for the stock moves of orders that leave the shown level as it was (see
        forked_apps/partner/availability.py): a unit allocated while plenty are left, a dispatch;
        any other save (a price, a manager's edit) is assumed to.
        """
        return not getattr(self, "_shown_stock_kept", False)

    def _shown(self, num_available):
        return shown_stock(num_available, low_stock_threshold(self))

    def allocate(self, quantity):
        self.allocate_or_refuse(quantity)

    allocate.alters_data = True

    def allocate_or_refuse(self, quantity):
        """Reserve stock only if enough is free, checked and written in one UPDATE.

        Oscar's allocate adds to num_allocated without looking at num_in_stock, so two checkouts could
        both take the last unit. The database re-checks this condition on the row it locks for the
        UPDATE, so of two concurrent checkouts only one can win the last unit.
        """
        if not self.can_track_allocations:
            return
        self.pre_save_signal()
        allocated = Coalesce(F("num_allocated"), 0)
        reserved = (
            type(self)
            .objects.filter(pk=self.pk, num_in_stock__gte=allocated + quantity)
            .update(num_allocated=allocated + quantity)
        )
        if not reserved:
            raise NoLongerInStock(
                _(
                    "Sorry, “%(title)s” is no longer in stock in the quantity you asked for. "
                    "Your basket is kept."
                )
                % {"title": self.product.get_title()}
            )
        self.refresh_from_db(fields=["num_allocated"])
        # The UPDATE took exactly `quantity` from what was free just before it.
        after = self.net_stock_level
        self._shown_stock_kept = self._shown(after + quantity) == self._shown(after)
        try:
            self.post_save_signal()
        finally:
            del self._shown_stock_kept

    allocate_or_refuse.alters_data = True

    def consume_allocation(self, quantity):
        # Dispatching takes the units from stock and from the allocation alike: what is free stays.
        self._shown_stock_kept = True
        try:
            super().consume_allocation(quantity)
        finally:
            del self._shown_stock_kept

    consume_allocation.alters_data = True


from oscar.apps.partner.models import *  # noqa: E402, F403
