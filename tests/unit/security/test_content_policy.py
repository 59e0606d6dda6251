"""Which sources the payment pages add to the policy, taken from the provider settings in force."""

from django.http import HttpResponse
from django.test import RequestFactory

from ptashka.security.content_policy import (
    AreaContentSecurityPolicyMiddleware,
    paypal_approval_sources,
    stripe_js_sources,
)


def test_with_stripe_itself_the_card_page_allows_exactly_the_origins_stripes_guide_lists(settings):
    settings.STRIPE_API_BASE = ""
    settings.STRIPE_JS_URL = "https://js.stripe.com/v3/"

    assert stripe_js_sources() == {
        "script-src": ["https://js.stripe.com"],
        "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
        "connect-src": ["https://api.stripe.com"],
    }


def test_with_a_local_stripe_its_address_is_allowed_instead_of_stripes_api(settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:8420"
    settings.STRIPE_JS_URL = "http://127.0.0.1:8420/js.stripe.com/v3/"

    sources = stripe_js_sources()

    assert sources["script-src"] == ["http://127.0.0.1:8420"]
    assert sources["connect-src"] == ["http://127.0.0.1:8420"]


def test_paypal_adds_its_approval_page_to_form_action_only_when_configured(settings):
    settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET, settings.PAYPAL_API_BASE = "id", "secret", ""
    settings.PAYPAL_ENVIRONMENT = "live"
    assert paypal_approval_sources() == {"form-action": ["https://www.paypal.com"]}

    settings.PAYPAL_ENVIRONMENT = "sandbox"
    assert paypal_approval_sources() == {"form-action": ["https://www.sandbox.paypal.com"]}

    settings.PAYPAL_CLIENT_ID = ""
    assert paypal_approval_sources() == {}


def policy_for(path):
    request = RequestFactory().get(path)
    middleware = AreaContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    middleware.process_request(request)
    str(request.csp_nonce)  # a template used the nonce
    response = middleware.process_response(request, HttpResponse())
    return response["Content-Security-Policy"]


def test_an_area_with_its_own_script_rules_gets_no_nonce_that_would_void_them(settings):
    settings.CONTENT_SECURITY_POLICY_AREAS = {
        "/cms/": {"replace": {"script-src": ["'self'", "'unsafe-inline'"]}},
    }

    assert "script-src 'self' 'unsafe-inline';" in policy_for("/cms/pages/")
    assert "'nonce-" in policy_for("/catalogue/")
    assert "'unsafe-inline'" not in policy_for("/catalogue/").split("script-src")[1].split(";")[0]


def test_an_areas_additions_extend_the_sitewide_sources(settings):
    settings.CONTENT_SECURITY_POLICY_AREAS = {"/dashboard/": {"update": {"style-src": ["'unsafe-inline'"]}}}

    assert "style-src 'self' 'unsafe-inline'" in policy_for("/dashboard/orders/")
    assert "style-src 'self';" in policy_for("/basket/")
