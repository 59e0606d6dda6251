"""Oscar-api's product price serializer, saying that a product without a price has null fields."""

from oscarapi.serializers import checkout
from oscarapi.serializers.fields import TaxIncludedDecimalField
from rest_framework import serializers


class ProductPriceSerializer(checkout.PriceSerializer):
    # Null while the product has no stock record to sell it from (Oscar's Unavailable price).
    currency = serializers.CharField(max_length=12, allow_null=True, read_only=True)
    excl_tax = serializers.DecimalField(decimal_places=2, max_digits=12, allow_null=True, read_only=True)
    incl_tax = TaxIncludedDecimalField(
        excl_tax_field="excl_tax", decimal_places=2, max_digits=12, allow_null=True, read_only=True
    )
    tax = TaxIncludedDecimalField(
        excl_tax_value="0.00", decimal_places=2, max_digits=12, allow_null=True, read_only=True
    )
