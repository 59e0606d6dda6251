"""Rate limits on the storefront's and admin sites' forms, sharing the API's budgets and counters."""

import math

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework.throttling import BaseThrottle

from ptashka.api.throttling import AttemptThrottle

# URL name → the API scope whose budget a POST to it spends. The same scope means the same counter,
# so moving between /api/auth/token/ and /accounts/login/ does not double anyone's attempts.
LIMITED_FORMS = {
    "customer:login": "login",  # Oscar's sign-in form; its registration form spends "register" (below)
    "customer:register": "register",
    "dashboard:login": "login",
    "checkout:index": "login",  # the checkout's "I am a returning customer" sign-in
    "admin:login": "login",
    "wagtailadmin_login": "login",
    "password-reset": "password_reset",
    "basket:add": "basket",
    "basket:summary": "basket",
    "basket:vouchers-add": "voucher",
    "checkout:payment-details": "checkout",
    "checkout:preview": "checkout",
    "checkout:pay": "checkout",
}


def client_address(request):
    """The client's address as every limit, the sign-in lockout and the audit log see it.

    DRF believes X-Forwarded-For only from the API_NUM_PROXIES proxies in front of the app, so a
    client cannot forge the header to get a fresh count or to be recorded as somebody else.
    """
    return BaseThrottle().get_ident(request)


def scope_of(request, view_name):
    """The scope a POST spends; None when it is not limited."""
    # The storefront's sign-in page carries the registration form too: its submit button says which.
    if view_name == "customer:login" and "registration_submit" in request.POST:
        return "register"
    return LIMITED_FORMS.get(view_name)


class FormScope:
    """What DRF's throttle reads from a view: its scope."""

    def __init__(self, scope):
        self.throttle_scope = scope


def retry_after_seconds(throttle):
    wait = throttle.wait()
    return max(1, math.ceil(wait)) if wait is not None else 1


class StorefrontRateLimitMiddleware:
    """Answers 429 with Retry-After to POSTs over their scope's budget, before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST":
            return None
        scope = scope_of(request, match.view_name if match else "")
        if scope is None:
            return None
        throttle = AttemptThrottle()
        if throttle.allow_request(request, FormScope(scope)):
            return None
        return too_many_attempts(request, retry_after_seconds(throttle))


def too_many_attempts(request, seconds):
    message = ngettext(
        "Too many attempts. Please wait %(seconds)d second and try again.",
        "Too many attempts. Please wait %(seconds)d seconds and try again.",
        seconds,
    ) % {"seconds": seconds}
    return refusal_429(
        request, message, _("Too many attempts"), seconds, "ptashka/too_many_attempts.html", json_key="error"
    )


def refusal_429(request, message, title, seconds, template, json_key, json=False):
    """A 429 with Retry-After: ``{json_key: message}`` for scripts (or when ``json``), a page for people.

    The form rate limits and the sign-in lockout both answer through here.
    """
    if json or "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({json_key: message}, status=429)
    else:
        response = TemplateResponse(request, template, {"message": message, "title": title}, status=429)
        response.render()
    response["Retry-After"] = str(seconds)
    return response
