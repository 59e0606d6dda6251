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


# The orders a guest placed over the API in this session, so they can pay for and follow them.
GUEST_ORDERS_SESSION_KEY = "api_guest_order_ids"
GUEST_ORDERS_KEPT = 20


def orders_of(request):
    """A user's own orders; a guest's, only those placed in this session (none from other sessions)."""
    if not request.user.is_authenticated:
        return Order.objects.filter(user=None, pk__in=request.session.get(GUEST_ORDERS_SESSION_KEY, []))
    return Order.objects.filter(user=request.user)


def remember_guest_order(request, order):
    if request.user.is_authenticated:
        return
    placed = request.session.get(GUEST_ORDERS_SESSION_KEY, [])
    request.session[GUEST_ORDERS_SESSION_KEY] = [*placed, order.pk][-GUEST_ORDERS_KEPT:]
