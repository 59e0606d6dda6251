"""Oscar-api's basket list, detail and line attributes, limited to the caller's own baskets (else 404)."""

from oscar.core.loading import get_model
from oscarapi.basket import operations
from oscarapi.views import basic
from oscarapi.views.utils import QuerySetList

from ptashka.api.ownership import baskets_of
from ptashka.api.throttling import Throttled

LineAttribute = get_model("basket", "LineAttribute")


class BasketList(basic.BasketList):
    # oscar-api fails (500) for a guest who has no basket yet; they have none to list.
    def get_queryset(self):
        baskets = baskets_of(self.request)
        prepared = [operations.assign_basket_strategy(basket, self.request) for basket in baskets]
        return QuerySetList(prepared, baskets)


class BasketDetail(Throttled, basic.BasketDetail):
    throttle_scope = "basket"

    def get_queryset(self):
        return baskets_of(self.request)


class LineAttributeDetail(basic.LineAttributeDetail):
    def get_queryset(self):
        return LineAttribute.objects.filter(
            line__basket__in=baskets_of(self.request),
            line__basket_id=self.kwargs["basket_pk"],
            line_id=self.kwargs["line_pk"],
        )
