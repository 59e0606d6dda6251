"""Oscar-api's checkout and order views: checkout rate limited, other people's orders and baskets 404."""

from django.http import Http404
from oscar.core.loading import get_model
from oscarapi.views import checkout
from oscarapi.views.utils import parse_basket_from_hyperlink
from rest_framework import generics

from ptashka.api.ownership import baskets_of, orders_of
from ptashka.api.throttling import Throttled

OrderLine = get_model("order", "Line")
OrderLineAttribute = get_model("order", "LineAttribute")


class CheckoutView(Throttled, checkout.CheckoutView):
    throttle_scope = "checkout"

    def post(self, request, format=None, *args, **kwargs):
        basket = parse_basket_from_hyperlink(request.data, format)
        if not baskets_of(request).filter(pk=basket.pk).exists():
            raise Http404
        return super().post(request, format, *args, **kwargs)


class OrderList(checkout.OrderList):
    def get_queryset(self):
        # Everything the order serializer reads, fetched once for the whole page of orders.
        return (
            orders_of(self.request)
            .select_related("user", "billing_address__country", "shipping_address__country")
            .prefetch_related("discounts", "surcharges")
        )


class OrderDetail(checkout.OrderDetail):
    def get_queryset(self):
        return orders_of(self.request)


class OrderLineList(checkout.OrderLineList):
    def list(self, request, *args, **kwargs):
        generics.get_object_or_404(orders_of(request), pk=self.kwargs.get("pk"))
        return super().list(request, *args, **kwargs)


class OrderLineAttributeDetail(checkout.OrderLineAttributeDetail):
    def get_queryset(self):
        return OrderLineAttribute.objects.filter(line__order__in=orders_of(self.request))


class OrderLineDetail(checkout.OrderLineDetail):
    # oscar-api filters by request.user even for guests, which fails (500) on AnonymousUser.
    def get_queryset(self):
        return OrderLine.objects.filter(order__in=orders_of(self.request))
