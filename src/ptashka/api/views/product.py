"""Oscar-api's product price view, answering with the serializer whose fields the schema gets right."""

from oscar.core.loading import get_class
from oscarapi.views import product
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
