"""How the API answers what DRF leaves to Django: unknown /api/ paths and objects others still depend on."""

from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any /api/ path no endpoint matches: a JSON 404, not the storefront's HTML page (or its CSRF 403)."""
    return JsonResponse({"detail": _("Not found.")}, status=status.HTTP_404_NOT_FOUND)


def exception_handler(exc, context):
    """DRF's handler, plus 409 for deleting what other objects still use (instead of a 500)."""
    if isinstance(exc, ProtectedError | RestrictedError):
        return Response(
            {"detail": _("Other objects still use this one; it was not deleted.")},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)


def require_object(data):
    """oscar-api reads request bodies with .get(): a JSON list or string there failed with a 500."""
    if not isinstance(data, dict):
        raise ParseError(_("The request body must be a JSON object."))


def refuse_nul_characters(data):
    """PostgreSQL cannot store or look up text with a NUL character: oscar-api's lookups failed with a 500."""
    if contains_nul(data):
        raise ParseError(_("Text in the request body must not contain NUL characters."))


def contains_nul(data):
    if isinstance(data, str):
        return "\x00" in data
    if isinstance(data, dict):
        return any(contains_nul(key) or contains_nul(value) for key, value in data.items())
    if isinstance(data, list | tuple):
        return any(contains_nul(item) for item in data)
    return False
