"""Which baskets and orders a request may touch: its own, and nothing that would reveal anyone else's."""

from oscar.core.loading import get_model
from oscarapi.basket import operations

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")


def baskets_of(request):
    """The editable baskets of this request: a user's own, or a guest's one session basket.

    oscar-api checks access to a basket by id after loading it, which answers 403 to other
    people's ids (telling them the basket exists); filtering first makes them 404.
    """
    baskets = operations.editable_baskets()
    if request.user.is_authenticated:
        return baskets.filter(owner=request.user)
    return baskets.filter(owner=None, pk=operations.get_basket_id_from_session(request))


def orders_of(request):
    if not request.user.is_authenticated:
        return Order.objects.none()
    return Order.objects.filter(user=request.user)
