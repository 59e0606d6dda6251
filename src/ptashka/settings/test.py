"""Test settings: dev minus what slows tests down or leaves the machine."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-long-enough-for-jwt-signing"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests write product images and thumbnails here, never into the dev shop's media.
MEDIA_ROOT = VAR_DIR / "test-media"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tasks run in the test process even when REDIS_URL is set; tests of the real worker switch
# eager mode off themselves (tests/integration/celery/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
SHOP_BASE_URL = "http://testserver"
OSCAR_URL_SCHEMA = "http"  # what base.py derives from SHOP_BASE_URL, whatever a developer's .env says
STORAGES = {
    **STORAGES,  # noqa: F405
    "exports": {
        "BACKEND": "ptashka.analytics.storage.ReplacingFileSystemStorage",
        "OPTIONS": {"location": env.str("ANALYTICS_EXPORT_ROOT", default=str(VAR_DIR / "test-exports"))},
    },
}
# Serve static files straight from the apps and static/ without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# One client (127.0.0.1) runs the whole suite: the real budgets would throttle unrelated tests against
# each other through a shared Redis. Tests of the limits set their own low rates.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {scope: "100000/hour" for scope in API_RATE_LIMITS},  # noqa: F405
}

# --- payments ---
# Tests check out through the test-only Dummy gateway unless they configure a real one and turn it off.
PAYMENTS_DUMMY_GATEWAY = env.bool("PAYMENTS_DUMMY_GATEWAY", default=True)
