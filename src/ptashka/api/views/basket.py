"""Oscar-api's basket views, with their writes rate limited and other people's baskets answering 404."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from oscar.core.loading import get_class
from oscarapi.basket import operations
from oscarapi.serializers.checkout import ShippingAddressSerializer
from oscarapi.views import basket
from rest_framework import generics
from rest_framework.response import Response

from ptashka.api.errors import require_object
from ptashka.api.ownership import baskets_of
from ptashka.api.serializers.shipping import ShippingMethodSerializer
from ptashka.api.throttling import Throttled

Repository = get_class("shipping.repository", "Repository")


def shoppers_basket(request):
    """The caller's basket, priced for this request, its id remembered in the session.

    oscar-api's get_basket writes the id into the session and saves the session on every read of
    the basket; the session middleware then saves it again on the way out. Here the id is written
    only when it changes, and the middleware saves it once.
    """
    basket_of_caller = operations.get_basket(request, prepare=False)
    operations.assign_basket_strategy(basket_of_caller, request)
    if operations.get_basket_id_from_session(request) != basket_of_caller.pk:
        request.session[settings.OSCAR_BASKET_COOKIE_OPEN] = basket_of_caller.pk
    return basket_of_caller


class BasketView(basket.BasketView):
    def get(self, request, *args, **kwargs):
        priced = shoppers_basket(request)
        return Response(self.serializer_class(priced, context={"request": request}).data)


class AddProductView(Throttled, basket.AddProductView):
    throttle_scope = "basket"
    # oscar-api answers 406 when the product cannot be bought in that quantity.
    error_statuses = (406,)


class ShippingMethodView(Throttled, basket.ShippingMethodView):
    throttle_scope = "basket"
    # An address oscar-api cannot use answers 406.
    error_statuses = (406,)
    shipping_method_serializer_class = ShippingMethodSerializer

    def _get(self, request, shipping_address=None):
        priced = shoppers_basket(request)
        methods = Repository().get_shipping_methods(
            basket=priced, user=request.user, shipping_addr=shipping_address, request=request
        )
        return Response(
            self.shipping_method_serializer_class(methods, many=True, context={"basket": priced}).data
        )

    @extend_schema(responses={200: ShippingMethodSerializer(many=True)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=ShippingAddressSerializer, responses={200: ShippingMethodSerializer(many=True)})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class AddVoucherView(Throttled, basket.AddVoucherView):
    # Its own, tighter limit: each attempt is a guess at a voucher code.
    throttle_scope = "voucher"
    error_statuses = (406,)


class LineList(Throttled, basket.LineList):
    throttle_scope = "basket"
    # oscar-api answers 406 when the body names another basket than the URL.
    error_statuses = (406,)

    def get_queryset(self):
        own = self.check_basket_permission(self.request, basket_pk=self.kwargs.get("pk"))
        priced = operations.assign_basket_strategy(own, self.request)
        if self.request.method == "GET":
            # Priced once for the whole list (ptashka.api.serializers.basket.BasketLineSerializer).
            priced.priced_for = self.request
            # Loaded once, too: the page is cut from these lines rather than counted and sliced
            # in queries of its own, and each line shown is priced from the same rows.
            return list(priced.all_lines())
        return priced.all_lines()

    def post(self, request, pk, format=None, *args, **kwargs):
        require_object(request.data)
        return super().post(request, pk, format, *args, **kwargs)

    def check_basket_permission(self, request, basket_pk=None, basket=None):
        if basket is not None:
            basket_pk = basket.pk
        return generics.get_object_or_404(baskets_of(request), pk=basket_pk)


class BasketLineDetail(Throttled, basket.BasketLineDetail):
    throttle_scope = "basket"

    def get_queryset(self):
        # oscar-api prepares the basket named in the URL before checking access, which stores it
        # in the caller's session and so hands a guest any basket whose id they guess. Only the
        # caller's own basket is priced here, and not stored in the session: that write happened
        # inside the request's transaction, so a 404 for the line rolled the new session back and
        # the answer became a 400 "session was deleted".
        own = generics.get_object_or_404(baskets_of(self.request), pk=self.kwargs.get("basket_pk"))
        return operations.assign_basket_strategy(own, self.request).all_lines()
