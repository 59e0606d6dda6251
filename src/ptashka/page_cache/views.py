"""GET /visitor/: what a page shows that is one visitor's own, for pages that came from a cache."""

from django.contrib import messages
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from oscar.templatetags.currency_filters import currency


@require_GET
def visitor(request):
    """Basket count and total, the signed-in name, a CSRF token (its cookie set with it) and messages."""
    basket = request.basket
    user = request.user
    body = {
        "signed_in": user.is_authenticated,
        "name": (user.get_full_name() or user.get_username()) if user.is_authenticated else "",
        "basket": {
            "lines": basket.num_lines if basket.id else 0,
            "items": basket.num_items if basket.id else 0,
            "total": currency(
                basket.total_incl_tax if basket.is_tax_known else basket.total_excl_tax, basket.currency
            ),
        },
        "csrf_token": get_token(request),
        "messages": [
            {"level": message.tags, "text": str(message)} for message in messages.get_messages(request)
        ],
    }
    response = JsonResponse(body)
    patch_cache_control(response, private=True, no_store=True)
    return response
