"""The shop's one basket middleware: Oscar's for the storefront, oscar-api's session basket for /api/."""

from django.conf import settings
from oscarapi.basket import operations
from oscarapi.middleware import ApiBasketMiddleWare


class BasketMiddleware(ApiBasketMiddleWare):
    """oscar-api's ApiBasketMiddleWare (itself Oscar's BasketMiddleware for non-API requests), minus
    the basket it creates for every API answer.

    oscar-api looks the basket up in process_response to mirror it into the basket cookie, creating
    an empty one for a guest who has none (and for a signed-in user), so the schema, the docs and
    every product list would leave an empty basket row behind. Here the cookie mirrors the basket
    the session already names; a request that never used a basket leaves none.
    """

    def process_response(self, request, response):
        if not self.is_api_request(request):
            return super().process_response(request, response)
        for cookie_key in getattr(request, "cookies_to_delete", []):
            response.delete_cookie(cookie_key)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is None or user is None or user.is_authenticated:
            return response
        basket_id = operations.get_basket_id_from_session(request)
        if basket_id is not None:
            response.set_cookie(
                self.get_cookie_key(request),
                self.get_basket_hash(basket_id),
                max_age=settings.OSCAR_BASKET_COOKIE_LIFETIME,
                secure=settings.OSCAR_BASKET_COOKIE_SECURE,
                httponly=True,
            )
        return response
