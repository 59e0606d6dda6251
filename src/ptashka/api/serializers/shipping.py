"""Oscar-api's shipping method serializer, its computed price and discount typed for the OpenAPI schema."""

from drf_spectacular.utils import extend_schema_field
from oscarapi.serializers import checkout
from rest_framework import serializers

from ptashka.api.serializers.product import ProductPriceSerializer


class ShippingMethodSerializer(checkout.ShippingMethodSerializer):
    """A shipping method with its price for this basket (oscar-api's, its computed fields typed)."""

    @extend_schema_field(ProductPriceSerializer)
    def calculate_price(self, obj):
        return super().calculate_price(obj)

    @extend_schema_field(serializers.DecimalField(decimal_places=2, max_digits=12, coerce_to_string=False))
    def calculate_discount(self, obj):
        return super().calculate_discount(obj)
