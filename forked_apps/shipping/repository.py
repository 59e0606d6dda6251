"""Shipping methods offered at checkout: the ones shop managers keep in the dashboard.

Oscar's own Repository offers only free shipping, from code. Ours reads the order-and-item-charge
and weight-based methods from the database, so shop managers change prices, free-shipping
thresholds and countries in the dashboard (Dashboard → Shipping) without a deploy.
"""

from oscar.apps.shipping import repository
from oscar.core.loading import get_model

OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")
WeightBased = get_model("shipping", "WeightBased")


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        methods = self.shop_methods(basket)
        if shipping_addr is not None:
            # A method limited to some countries is offered only for an address in one of them.
            country = shipping_addr.country_id
            methods = [
                m for m in methods if not m.countries.all() or any(c.pk == country for c in m.countries.all())
            ]
        # Cheapest first: Oscar shows the first method on the basket page as the estimate.
        methods.sort(key=lambda method: (method.calculate(basket).incl_tax, method.name))
        return methods or list(self.methods)

    def shop_methods(self, basket):
        """Every method in the dashboard, loaded once per basket instance (so once per request).

        The basket page and each checkout step ask for the methods more than once (the list, the
        default, the chosen one), each time loading them and their countries again.
        """
        loaded = basket.__dict__.get("_shop_shipping_methods")
        if loaded is None:
            loaded = [
                *OrderAndItemCharges.objects.prefetch_related("countries"),
                *WeightBased.objects.prefetch_related("countries", "bands"),
            ]
            basket.__dict__["_shop_shipping_methods"] = loaded
        return list(loaded)
