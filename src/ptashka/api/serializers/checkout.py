"""Oscar-api's order serializer, with the types of its computed fields declared for the OpenAPI schema."""

from drf_spectacular.utils import extend_schema_field
from oscarapi.serializers import checkout
from rest_framework import serializers


class OrderSerializer(checkout.OrderSerializer):
    # A path, or null while no "api-payment" view exists.
    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_payment_url(self, obj):
        return super().get_payment_url(obj)

    # oscar-api filters order.basket_discounts per order (a query each); these read the
    # discounts the order list prefetches instead.
    @extend_schema_field(checkout.OrderOfferDiscountSerializer(many=True))
    def get_offer_discounts(self, obj):
        found = [d for d in basket_discounts(obj) if d.offer_id is not None and d.voucher_id is None]
        return checkout.OrderOfferDiscountSerializer(found, many=True).data

    @extend_schema_field(checkout.OrderVoucherOfferSerializer(many=True))
    def get_voucher_discounts(self, obj):
        found = [d for d in basket_discounts(obj) if d.voucher_id is not None]
        return checkout.OrderVoucherOfferSerializer(found, many=True).data


def basket_discounts(order):
    return [d for d in order.discounts.all() if d.category == d.BASKET]
