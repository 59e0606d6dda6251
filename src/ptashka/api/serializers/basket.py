"""Oscar-api's basket serializers, with the types the OpenAPI schema cannot guess declared."""

from oscarapi.serializers import basket
from rest_framework import serializers

# Worked out from the lines and offers: oscar-api declares them writable, and a PUT or PATCH that
# sent one failed with a 500 (the basket's properties have no setter).
COMPUTED_BASKET_FIELDS = (
    "total_excl_tax",
    "total_excl_tax_excl_discounts",
    "total_incl_tax",
    "total_incl_tax_excl_discounts",
    "total_tax",
    "currency",
    "voucher_discounts",
    "offer_discounts",
)


class BasketSerializer(basket.BasketSerializer):
    # A model property, so the schema generator cannot see that it is a boolean.
    is_tax_known = serializers.BooleanField(read_only=True)
    # An empty basket has no currency yet.
    currency = serializers.CharField(read_only=True, allow_null=True)
    # Whose basket it is follows from who signed in: writable, a shopper could hand theirs to anyone.
    owner = serializers.HyperlinkedRelatedField(view_name="user-detail", read_only=True, allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        for name in COMPUTED_BASKET_FIELDS:
            if name in fields:
                fields[name].read_only = True
        return fields


class BasketLineSerializer(basket.BasketLineSerializer):
    is_tax_known = serializers.BooleanField(read_only=True)

    def to_representation(self, instance):
        # oscar-api applies the offers to the whole basket again for every line it shows, loading
        # the lines anew each time; a basket the view already priced for this request is reused.
        basket_of_line = instance.basket
        if getattr(basket_of_line, "priced_for", None) is not self.context["request"]:
            return super().to_representation(instance)
        line = next((line for line in basket_of_line.all_lines() if line.id == instance.id), None)
        return super(basket.BasketLineSerializer, self).to_representation(line)
