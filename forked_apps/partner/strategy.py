"""Oscar's default strategy (first stock record, stock required, no tax) with the storefront's
availability wording (forked_apps/partner/availability.py)."""

from oscar.apps.partner import strategy
from oscar.apps.partner.availability import Available, Unavailable

from .availability import StockRequired as StockRequiredAvailability
from .availability import low_stock_threshold


class StockRequired(strategy.StockRequired):
    def availability_policy(self, product, stockrecord):
        if not stockrecord:
            return Unavailable()
        if not product.get_product_class().track_stock:
            return Available()
        return StockRequiredAvailability(stockrecord.net_stock_level, low_stock_threshold(stockrecord))


class Default(strategy.UseFirstStockRecord, StockRequired, strategy.NoTax, strategy.Structured):
    pass


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
