"""SameSite and Secure on Oscar's own cookies (open basket, recently viewed), set on the way out."""

from django.conf import settings


class OscarCookieFlagsMiddleware:
    """Oscar writes oscar_open_basket without SameSite and takes both cookies' flags from settings read
    once at import; this sets them on the way out, from the settings in force."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        flags = {
            settings.OSCAR_BASKET_COOKIE_OPEN: settings.OSCAR_BASKET_COOKIE_SECURE,
            settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME: settings.OSCAR_RECENTLY_VIEWED_COOKIE_SECURE,
        }
        for name, secure in flags.items():
            cookie = response.cookies.get(name)
            if cookie is None:
                continue
            cookie["samesite"] = settings.OSCAR_COOKIE_SAMESITE
            if secure:
                cookie["secure"] = True
        return response
