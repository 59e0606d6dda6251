"""How django-axes tells sign-in attempts apart (account, address) and how it answers a locked-out client."""

import math

from axes.helpers import get_cool_off
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ptashka.rate_limits import client_address, refusal_429

__all__ = ["account_key", "client_address", "lockout_response", "lockout_seconds"]


def account_key(request, credentials):
    """The account an attempt is for, as typed: trimmed and lower-cased.

    Oscar signs in by email address case-insensitively, so " Olena@Example.com" and
    "olena@example.com" are one account and must share one count of failures.
    """
    credentials = credentials or {}
    typed = credentials.get("username") or credentials.get("email")
    if typed is None:
        return None
    return str(typed).strip().lower()


def lockout_seconds(request):
    cool_off = get_cool_off(request)
    return max(1, math.ceil(cool_off.total_seconds())) if cool_off else 1


def lockout_response(request, original_response=None, credentials=None):
    """429 with Retry-After: JSON for the API and scripts, the storefront's page for people."""
    seconds = lockout_seconds(request)
    minutes = max(1, math.ceil(seconds / 60))
    message = ngettext(
        "Too many failed sign-in attempts. Signing in is paused for %(minutes)d minute; "
        "try again then, or reset your password.",
        "Too many failed sign-in attempts. Signing in is paused for %(minutes)d minutes; "
        "try again then, or reset your password.",
        minutes,
    ) % {"minutes": minutes}
    return refusal_429(
        request,
        message,
        _("Signing in is paused"),
        seconds,
        "ptashka/sign_in_locked.html",
        json_key="detail",  # DRF's key, as the API's other refusals
        json=request.path_info.startswith("/api/"),
    )
