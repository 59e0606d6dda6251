"""Oscar-api's checkout and order views: checkout pays and is rate limited; other people's orders 404."""

from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from oscar.core.loading import get_model
from oscarapi.signals import oscarapi_post_checkout
from oscarapi.views import checkout
from oscarapi.views.utils import parse_basket_from_hyperlink
from rest_framework import generics
from rest_framework.response import Response

from ptashka.api.errors import require_object
from ptashka.api.ownership import baskets_of, orders_of, remember_guest_order
from ptashka.api.serializers.checkout import CheckoutOrderSerializer, CheckoutSerializer
from ptashka.api.throttling import Throttled

OrderLine = get_model("order", "Line")
OrderLineAttribute = get_model("order", "LineAttribute")

ERROR = {"type": "object", "properties": {"detail": {"type": "string"}}}


class CheckoutView(Throttled, checkout.CheckoutView):
    """Not one transaction per request: the record of a payment started at the provider is committed
    before the order is placed, so that a crash in between leaves reconciliation a trace."""

    throttle_scope = "checkout"
    serializer_class = CheckoutSerializer
    order_serializer_class = CheckoutOrderSerializer

    @classmethod
    def as_view(cls, **initkwargs):
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    @extend_schema(
        summary="Place the order and start paying for it",
        description=(
            "Places the order for the caller's basket (`basket`: its URL, from `GET /api/basket/`) and "
            "starts the payment through `payment_method` (a code from `GET /api/basket/payment-methods/`). "
            "Guests also send `guest_email`. Prices, shipping and the total are worked out by the shop; "
            "`total` or `shipping_charge`, when sent, must match them.\n\n"
            "The answer is the order with its `payment`:\n"
            "- `dummy` (test only): paid already, `payment.status` is `succeeded` and the order `Paid`.\n"
            "- `stripe`: `payment.status` is `requires_action`; pay by POSTing a Stripe PaymentMethod id "
            "(made by Stripe's SDK in the client, e.g. `pm_card_visa` in test mode) to "
            "`payment.confirm_url`, or confirm `payment.client_secret` with Stripe's SDK yourself.\n"
            "- `paypal`: send the shopper to `payment.approval_url`, then POST to `payment.confirm_url`.\n\n"
            "Then follow the order at its `url` until its `status` is `Paid`."
        ),
        request=CheckoutSerializer,
        responses={
            200: CheckoutOrderSerializer,
            400: OpenApiResponse(
                description="Invalid: a missing field, a payment method not offered, "
                "a total or shipping charge that is not the shop's. Nothing was done."
            ),
            404: OpenApiResponse(description="Not the caller's basket."),
            406: OpenApiResponse(description="`basket` is not a basket URL."),
            409: OpenApiResponse(
                ERROR,
                description="The order cannot be placed (e.g. a product is no "
                "longer in stock). Nothing was charged; the basket is kept.",
            ),
            503: OpenApiResponse(
                ERROR, description="The payment service is unavailable; the basket is kept."
            ),
        },
    )
    def post(self, request, format=None, *args, **kwargs):
        require_object(request.data)
        basket = parse_basket_from_hyperlink(request.data, format)
        if not baskets_of(request).filter(pk=basket.pk).exists():
            raise Http404
        placing = self.serializer_class(data=request.data, context={"request": request})
        placing.is_valid(raise_exception=True)
        order = placing.save()
        remember_guest_order(request, order)
        placed = self.order_serializer_class(order, context={"request": request, "payment": placing.payment})
        response = Response(placed.data)
        oscarapi_post_checkout.send(
            sender=self, order=order, user=request.user, request=request, response=response
        )
        return response


class OrderList(checkout.OrderList):
    def get_queryset(self):
        # Everything the order serializer reads, fetched once for the whole page of orders.
        return (
            orders_of(self.request)
            .select_related("user", "billing_address__country", "shipping_address__country")
            .prefetch_related("discounts", "surcharges")
        )


class OrderDetail(checkout.OrderDetail):
    # Whose orders these are is decided by orders_of: a guest reaches those placed in their session.
    permission_classes = ()

    def get_queryset(self):
        return orders_of(self.request)


class OrderLineList(checkout.OrderLineList):
    def list(self, request, *args, **kwargs):
        generics.get_object_or_404(orders_of(request), pk=self.kwargs.get("pk"))
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        # The serializer reads each line's order (its currency), stock record (its link) and
        # attributes: loaded with the page of lines, not one query per line each.
        return super().get_queryset().select_related("order", "stockrecord").prefetch_related("attributes")


class OrderLineAttributeDetail(checkout.OrderLineAttributeDetail):
    def get_queryset(self):
        return OrderLineAttribute.objects.filter(line__order__in=orders_of(self.request))


class OrderLineDetail(checkout.OrderLineDetail):
    # oscar-api filters by request.user even for guests, which fails (500) on AnonymousUser.
    def get_queryset(self):
        return OrderLine.objects.filter(order__in=orders_of(self.request))
