"""Oscar-api's basket views, with their writes rate limited and other people's baskets answering 404."""

from oscarapi.basket import operations
from oscarapi.views import basket
from rest_framework import generics

from ptashka.api.ownership import baskets_of
from ptashka.api.throttling import Throttled


class AddProductView(Throttled, basket.AddProductView):
    throttle_scope = "basket"


class ShippingMethodView(Throttled, basket.ShippingMethodView):
    throttle_scope = "basket"


class AddVoucherView(Throttled, basket.AddVoucherView):
    # Its own, tighter limit: each attempt is a guess at a voucher code.
    throttle_scope = "voucher"


class LineList(Throttled, basket.LineList):
    throttle_scope = "basket"

    def check_basket_permission(self, request, basket_pk=None, basket=None):
        if basket is not None:
            basket_pk = basket.pk
        return generics.get_object_or_404(baskets_of(request), pk=basket_pk)


class BasketLineDetail(Throttled, basket.BasketLineDetail):
    throttle_scope = "basket"

    def get_queryset(self):
        # oscar-api prepares the basket named in the URL before checking access, which stores it
        # in the caller's session and so hands a guest any basket whose id they guess.
        own = generics.get_object_or_404(baskets_of(self.request), pk=self.kwargs.get("basket_pk"))
        return operations.prepare_basket(own, self.request).all_lines()
