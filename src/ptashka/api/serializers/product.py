"""Oscar-api's product serializers: prices with null fields, and writes that refuse malformed input."""

from collections.abc import Mapping

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_serializer
from oscarapi.serializers import checkout, product
from oscarapi.serializers.fields import TaxIncludedDecimalField
from rest_framework import serializers
from rest_framework.fields import empty

from ptashka.api.serializers.fields import ImageUrlField


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


# The admin API's own versions of oscar-api's serializers, which the public API still uses: the
# schema needs a name of their own for them.
@extend_schema_serializer(component_name="AdminProductImage")
class ProductImageSerializer(product.ProductImageSerializer):
    # oscar-api's field fetches the URL it is given; this one takes only the shop's own media.
    original = ImageUrlField(max_length=255)


class ProductAttributeValueListSerializer(product.ProductAttributeValueListSerializer):
    """A product's attributes: a list of {"code": ..., "value": ...}, each checked on its own.

    oscar-api reads each item with item["..."] before validating it (a 500 for anything but an
    object) and takes a shortcut for one product class that skips its own error reporting (a 500
    for an option that does not exist); every item goes through the attribute value field here.
    """

    default_error_messages = {
        "not_attributes": _(
            'Give a list of attributes, each an object like {{"code": "colour", "value": "red"}}.'
        ),
    }

    def get_value(self, dictionary):
        values = serializers.ListSerializer.get_value(self, dictionary)
        if values is empty or not is_list_of_objects(values):
            return values
        product_class, parent = dictionary.get("product_class"), dictionary.get("parent")
        if not isinstance(product_class, str):
            product_class = None
        if not isinstance(parent, int) or isinstance(parent, bool):
            parent = None
        if product_class is None and parent is None:
            # A partial update names neither: the product's own class decides its attributes.
            own_class = self.parent.instance.get_product_class() if self.parent.instance else None
            product_class = own_class.slug if own_class else None
        return [dict(value, product_class=product_class, parent=parent) for value in values]

    def to_internal_value(self, data):
        if not is_list_of_objects(data) or not all(isinstance(item.get("code"), str) for item in data):
            self.fail("not_attributes")
        return serializers.ListSerializer.to_internal_value(self, data)


def is_list_of_objects(data):
    return isinstance(data, list) and all(isinstance(item, Mapping) for item in data)


@extend_schema_serializer(component_name="AdminProductAttributeValue")
class ProductAttributeValueSerializer(product.ProductAttributeValueSerializer):
    class Meta(product.ProductAttributeValueSerializer.Meta):
        list_serializer_class = ProductAttributeValueListSerializer


@extend_schema_serializer(component_name="AdminAttributeOptionGroup")
class AttributeOptionGroupSerializer(product.AttributeOptionGroupSerializer):
    """An attribute option group; a partial update may leave out its name or its options."""

    def update(self, instance, validated_data):
        if "options" not in validated_data:
            # oscar-api reads the name and options out of every update (a 500 without them).
            return serializers.ModelSerializer.update(self, instance, validated_data)
        validated_data.setdefault("name", instance.name)
        return super().update(instance, validated_data)
