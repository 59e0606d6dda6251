"""Production settings: no defaults for secrets, HTTPS everywhere, hashed static files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES, env

if env.bool("DEBUG", default=False):
    raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG or set DEBUG=False).")
DEBUG = False

# No default: env.str raises ImproperlyConfigured naming the variable when it is missing.
SECRET_KEY = env.str("SECRET_KEY")
if not SECRET_KEY.strip():
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable to a long random string.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# TLS is terminated by nginx, which sets X-Forwarded-Proto (deploy/nginx.conf).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer probes over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")

# --- payments ---
# Never the test-only Dummy gateway by default: it places Paid orders without taking money. Turning
# it on here is possible (a staging shop) but `check --deploy` warns about it.
PAYMENTS_DUMMY_GATEWAY = env.bool("PAYMENTS_DUMMY_GATEWAY", default=False)

# --- browser security headers ---
# Oscar's open-basket and recently-viewed cookies travel over HTTPS only, like the session's.
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True

# --- the shop: what a merchant sets ---
# No default: links in emails, the Site rows and the sitemap name it; `check --deploy` refuses http://.
if not env.str("SHOP_BASE_URL", default="").strip():
    raise ImproperlyConfigured(
        "Set SHOP_BASE_URL to the shop's public address, such as https://shop.example.com."
    )
