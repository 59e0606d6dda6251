"""Oscar-api's basket serializers, with the types the OpenAPI schema cannot guess declared."""

from oscarapi.serializers import basket
from rest_framework import serializers


class BasketSerializer(basket.BasketSerializer):
    # A model property, so the schema generator cannot see that it is a boolean.
    is_tax_known = serializers.BooleanField(read_only=True)


class BasketLineSerializer(basket.BasketLineSerializer):
    is_tax_known = serializers.BooleanField(read_only=True)
