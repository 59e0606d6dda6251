"""Query strings that carry a NUL character, refused with a 400 before any view looks them up."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import bad_request

NUL = "\x00"


class RefuseNulCharactersMiddleware:
    """PostgreSQL cannot store or search for text with a NUL in it: `/search/?q=%00`, the content
    API's `?search=%00` and `find/?html_path=%00` reached the database and answered 500.

    No shop link or search needs one, so any query parameter with a NUL is a bad request:
    a JSON 400 under /api/, Django's 400 page elsewhere. Nothing is read or written.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            message = _("The query string must not contain NUL characters (%00).")
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return bad_request(request, ValueError(message))
        return self.get_response(request)


def carries_nul(request):
    # Paths are left to the URL resolver and views: a NUL there matches no object (404).
    return any(NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists())
