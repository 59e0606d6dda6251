"""Security headers on every area: a nonce CSP its pages' scripts carry, Permissions-Policy, no-store."""

import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)([^>]*)>")


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def nonce_of(response):
    found = [source for source in directives(response)["script-src"] if source.startswith("'nonce-")]
    assert len(found) == 1, response["Content-Security-Policy"]
    return found[0][len("'nonce-") : -1]


def assert_inline_scripts_carry(html, nonce):
    attributes = INLINE_SCRIPT.findall(html)
    assert attributes, "the page has Oscar's onbodyload script"
    assert all(f'nonce="{nonce}"' in attrs for attrs in attributes), attributes


def storefront_paths(shop):
    return {
        "home": "/",
        "catalogue": "/catalogue/",
        "product": shop.in_stock_product().get_absolute_url(),
        "basket": "/basket/",
        "sign-in": "/accounts/login/",
        "checkout": "/checkout/",
        "search": "/search/?q=ceramic",
    }


def test_every_storefront_page_has_a_nonce_policy_its_inline_scripts_carry(client, shop):
    for name, path in storefront_paths(shop).items():
        response = client.get(path, follow=True)

        assert response.status_code == 200, name
        policy = directives(response)
        assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy["script-src"], name
        assert "'unsafe-inline'" not in policy["style-src"], name
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], name
        assert policy["report-uri"] == ["/csp-report/"], name
        html = response.content.decode()
        assert_inline_scripts_carry(html, nonce_of(response))
        # jQuery and everything else come from our static files, never Google's CDN
        assert "ajax.googleapis.com" not in html, name
        assert "googletagmanager" not in html, name


def test_each_response_gets_its_own_nonce(client, shop):
    first, second = client.get("/basket/"), client.get("/basket/")

    assert nonce_of(first) != nonce_of(second)


def test_stripe_js_is_allowed_on_no_page_but_the_card_page(client, shop):
    for name, path in storefront_paths(shop).items():
        policy = client.get(path, follow=True)["Content-Security-Policy"]

        assert "stripe.com" not in policy, name


def test_dashboard_keeps_nonce_scripts_and_allows_inline_styles_for_staff(client, shop):
    client.force_login(get_user_model().objects.get(username="admin"))

    response = client.get("/dashboard/")

    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert_inline_scripts_carry(response.content.decode(), nonce_of(response))
    assert "ajax.googleapis.com" not in response.content.decode()


def test_wagtail_admin_runs_its_inline_scripts_without_eval_and_loads_nothing_from_others(client, shop):
    client.force_login(get_user_model().objects.get(username="admin"))

    response = client.get("/cms/")

    assert response.status_code == 200
    policy = directives(response)
    # Wagtail's widgets write inline scripts without a nonce: allowed here, and a nonce would void that
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "gravatar.com" not in response.content.decode()


def test_api_docs_start_swagger_ui_from_a_script_file_not_inline(client, shop):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    assert not INLINE_SCRIPT.findall(response.content.decode())
    script = re.search(r'<script src="(/api/docs/\?[^"]*script[^"]*)"', response.content.decode())
    assert script, response.content.decode()
    assert client.get(script.group(1).replace("&amp;", "&")).status_code == 200


def test_every_page_denies_camera_microphone_and_location(client, shop):
    response = client.get("/")

    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions
    assert 'payment=(self "https://js.stripe.com")' in permissions


def test_basket_checkout_and_account_pages_are_never_stored(client, shop):
    for path in ("/basket/", "/checkout/", "/accounts/login/", "/checkout/thank-you/"):
        response = client.get(path)

        assert "no-store" in response.get("Cache-Control", ""), path


def test_content_pages_are_left_cacheable(client, shop):
    response = client.get("/")

    assert "no-store" not in response.get("Cache-Control", "")


def test_guest_basket_and_history_cookies_are_samesite_lax(client, shop):
    product = shop.in_stock_product()

    viewed = client.get(product.get_absolute_url())
    added = client.post(f"/basket/add/{product.pk}/", {"quantity": 1})

    history = viewed.cookies["oscar_history"]
    basket = added.cookies["oscar_open_basket"]
    assert (history["samesite"], basket["samesite"]) == ("Lax", "Lax")
    assert history["httponly"] and basket["httponly"]


def test_under_production_flags_the_basket_and_history_cookies_are_secure(client, shop, settings):
    settings.OSCAR_BASKET_COOKIE_SECURE = True
    settings.OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True
    product = shop.in_stock_product()

    viewed = client.get(product.get_absolute_url())
    added = client.post(f"/basket/add/{product.pk}/", {"quantity": 1})

    assert viewed.cookies["oscar_history"]["secure"] is True
    assert added.cookies["oscar_open_basket"]["secure"] is True
    assert added.cookies["oscar_open_basket"]["samesite"] == "Lax"
