"""Oscar-api's basket serializers: types the schema cannot guess, and what a shopper may not set."""

from django.utils.translation import gettext as _
from oscarapi.basket import operations
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
    # Oscar moves a basket between open, frozen and submitted as checkout goes; a shopper who set it
    # could freeze their basket or reopen a submitted one.
    status = serializers.CharField(read_only=True)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        sent = getattr(self, "initial_data", {})
        current = self.instance.status if self.instance is not None else None
        if isinstance(sent, dict) and "status" in sent and sent["status"] != current:
            # Read-only fields are ignored silently; a client trying this is told it did not happen.
            raise serializers.ValidationError(
                {"status": [_("A basket's status changes only through checkout.")]}
            )
        return attrs

    def get_fields(self):
        fields = super().get_fields()
        for name in COMPUTED_BASKET_FIELDS:
            if name in fields:
                fields[name].read_only = True
        return fields


class BasketLineSerializer(basket.BasketLineSerializer):
    is_tax_known = serializers.BooleanField(read_only=True)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "quantity" in attrs:
            refusal = self.quantity_refusal(attrs)
            if refusal:
                raise serializers.ValidationError({"quantity": [refusal]})
        return attrs

    def quantity_refusal(self, attrs):
        """Why the basket cannot hold this line's new quantity: add-product's rule, checked on the change.

        oscar-api checks stock and OSCAR_MAX_BASKET_QUANTITY_THRESHOLD when a product is added but
        not when a line is created or its quantity changed, so a PATCH made a basket of a million
        items (and 2147483647 overflowed the totals with a 500).
        """
        line = self.instance
        quantity = attrs["quantity"]
        current = line.quantity if line is not None else 0
        if quantity <= current:
            return None  # taking items out never needs more stock or room
        basket_of_line = attrs.get("basket") or line.basket
        product = attrs.get("product") or line.product
        if not basket_of_line.has_strategy:
            operations.assign_basket_strategy(basket_of_line, self.context["request"])
        availability = basket_of_line.strategy.fetch_for_product(product).availability
        if not availability.is_available_to_buy:
            return availability.message
        in_basket_after = basket_of_line.product_quantity(product) - current + quantity
        allowed, message = availability.is_purchase_permitted(in_basket_after)
        if not allowed:
            return message
        allowed, message = basket_of_line.is_quantity_allowed(quantity - current)
        return None if allowed else message

    def to_representation(self, instance):
        # oscar-api applies the offers to the whole basket again for every line it shows, loading
        # the lines anew each time; a basket the view already priced for this request is reused.
        basket_of_line = instance.basket
        if getattr(basket_of_line, "priced_for", None) is not self.context["request"]:
            return super().to_representation(instance)
        line = next((line for line in basket_of_line.all_lines() if line.id == instance.id), None)
        return super(basket.BasketLineSerializer, self).to_representation(line)
