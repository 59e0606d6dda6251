"""The Content-Security-Policy of each area of the site, and the sources a gateway's payment pages add."""

from urllib.parse import urlsplit

from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from django.conf import settings

STRIPE_API_ORIGIN = "https://api.stripe.com"
# Stripe.js opens 3-D Secure and its card fields in frames from these (Stripe's CSP guide).
STRIPE_FRAME_ORIGINS = ("https://js.stripe.com", "https://hooks.stripe.com")


def origin_of(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def stripe_js_sources():
    """What Stripe.js needs, from the settings that say where it lives (localstripe's own in tests)."""
    script = origin_of(settings.STRIPE_JS_URL)
    api = origin_of(settings.STRIPE_API_BASE) if settings.STRIPE_API_BASE else STRIPE_API_ORIGIN
    frames = list(dict.fromkeys([*STRIPE_FRAME_ORIGINS, script]))
    return {"script-src": [script], "frame-src": frames, "connect-src": [api]}


# Where PayPal's approval page lives: placing the order redirects the shopper's form post there.
PAYPAL_APPROVAL_ORIGINS = {"sandbox": "https://www.sandbox.paypal.com", "live": "https://www.paypal.com"}


def paypal_approval_sources():
    if not (settings.PAYPAL_CLIENT_ID and settings.PAYPAL_CLIENT_SECRET):
        return {}
    if settings.PAYPAL_API_BASE:
        origin = origin_of(settings.PAYPAL_API_BASE)
    else:
        origin = PAYPAL_APPROVAL_ORIGINS.get(settings.PAYPAL_ENVIRONMENT, PAYPAL_APPROVAL_ORIGINS["live"])
    return {"form-action": [origin]}


def allow_sources(response, sources):
    """Add sources to one response's policy, for a page whose needs its view learns as it runs (the
    pay page of the gateway a payment went through): no other page allows them."""
    if not sources:
        return response
    return csp_update(sources)(lambda: response)()


class AreaContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the changes CONTENT_SECURITY_POLICY_AREAS lists for a path prefix
    (the admin sites) applied before whatever a view itself asked for."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        area = area_changes(request.path_info)
        if area:
            parts.replace = {**area.get("replace", {}), **(parts.replace or {})}
            parts.update = merge_sources(area.get("update", {}), parts.update or {})
        return parts


def area_changes(path):
    for prefix, changes in getattr(settings, "CONTENT_SECURITY_POLICY_AREAS", {}).items():
        if path.startswith(prefix):
            return changes
    return None


def merge_sources(*updates):
    merged = {}
    for update in updates:
        for directive, sources in update.items():
            merged.setdefault(directive, [])
            merged[directive] += [sources] if isinstance(sources, str) else list(sources)
    return merged
