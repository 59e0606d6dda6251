"""Oscar-api's product price view (the serializer the schema gets right), and category paths with NUL."""

from oscar.core.loading import get_class
from oscarapi.views import product
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from ptashka.api.serializers.product import ProductPriceSerializer

Selector = get_class("partner.strategy", "Selector")


class ProductPrice(product.ProductPrice):
    # oscar-api's view serializes with its module's PriceSerializer, not serializer_class.
    serializer_class = ProductPriceSerializer

    def get(self, request, *args, **kwargs):
        strategy = Selector().strategy(request=request, user=request.user)
        price = strategy.fetch_for_product(self.get_object()).price
        return Response(self.get_serializer(price).data)


class CategoryList(product.CategoryList):
    def get_queryset(self):
        # No category's path has a NUL character, and PostgreSQL cannot look one up (a 500).
        if "\x00" in self.kwargs.get("breadcrumbs", ""):
            raise NotFound
        return super().get_queryset()
