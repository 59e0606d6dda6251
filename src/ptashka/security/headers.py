"""Cache-Control: no-store on the pages that show a shopper's basket, order, payment or account."""

from django.conf import settings
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """Neither the browser's back/forward cache nor any proxy may keep these pages (PCI DSS asks it
    of payment pages; account pages hold personal data)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(tuple(settings.NO_STORE_PATH_PREFIXES)):
            patch_cache_control(response, no_store=True, private=True)
        return response
