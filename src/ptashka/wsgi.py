"""WSGI entry point for gunicorn: pages and the API."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ptashka.settings.dev")

application = get_wsgi_application()
