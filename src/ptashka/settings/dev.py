"""Development settings: the embedded default of `make run` (SQLite, eager Celery, console email)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A development-only key; prod.py has no default and refuses to start without one.
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
INTERNAL_IPS = ["127.0.0.1"]
# Serve static files straight from the apps and static/ without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# --- payments ---
# `make run` checks out without provider keys through the test-only Dummy gateway.
PAYMENTS_DUMMY_GATEWAY = env.bool("PAYMENTS_DUMMY_GATEWAY", default=True)
