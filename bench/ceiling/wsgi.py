"""WSGI entry point of the ceiling site (gunicorn ceiling.wsgi, from bench/, in Ptashka's venv)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceiling.settings")

application = get_wsgi_application()
