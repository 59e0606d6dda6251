"""Oscar's open-basket and recently-viewed cookies leave with SameSite, and Secure when settings ask."""

import json

from django.http import HttpResponse
from django.test import RequestFactory

from ptashka.security.cookies import OscarCookieFlagsMiddleware
from tests.unit.settings.test_run_modes import PROD_ENV, run_python


def oscar_response():
    """What Oscar's basket middleware and history receiver write: no SameSite on the basket cookie."""
    response = HttpResponse()
    response.set_cookie("oscar_open_basket", "1:hash", max_age=60, secure=False, httponly=True)
    response.set_cookie("oscar_history", "[1]", max_age=60, secure=False, httponly=True)
    response.set_cookie("unrelated", "x")
    return response


def test_oscars_cookies_get_samesite_lax_and_others_are_left_alone(settings):
    middleware = OscarCookieFlagsMiddleware(lambda request: oscar_response())

    cookies = middleware(RequestFactory().get("/basket/")).cookies

    assert cookies["oscar_open_basket"]["samesite"] == "Lax"
    assert cookies["oscar_history"]["samesite"] == "Lax"
    assert not cookies["oscar_open_basket"]["secure"]
    assert cookies["unrelated"]["samesite"] == ""


def test_with_the_secure_settings_oscars_cookies_are_secure(settings):
    settings.OSCAR_BASKET_COOKIE_SECURE = True
    settings.OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True
    middleware = OscarCookieFlagsMiddleware(lambda request: oscar_response())

    cookies = middleware(RequestFactory().get("/basket/")).cookies

    assert cookies["oscar_open_basket"]["secure"] is True
    assert cookies["oscar_history"]["secure"] is True


def test_production_settings_mark_oscars_cookies_secure():
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.OSCAR_BASKET_COOKIE_SECURE, "
        "settings.OSCAR_RECENTLY_VIEWED_COOKIE_SECURE, settings.OSCAR_COOKIE_SAMESITE]))"
    )
    result = run_python(code, "ptashka.settings.prod", **PROD_ENV)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [True, True, "Lax"]
