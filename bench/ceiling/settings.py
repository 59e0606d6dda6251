"""Settings of the ceiling site: no database, no sessions, no templates, DEBUG off."""

SECRET_KEY = "ceiling-bench-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
INSTALLED_APPS = []
# The middleware every real Django site keeps; the ceiling should not be lower-cost than that.
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware"]
# Importable as the package bench/ceiling (PYTHONPATH=bench) or as plain modules (PYTHONPATH=bench/ceiling).
_PACKAGE = f"{__package__}." if __package__ else ""
ROOT_URLCONF = f"{_PACKAGE}urls"
WSGI_APPLICATION = f"{_PACKAGE}wsgi.application"
DATABASES = {}
USE_TZ = True
