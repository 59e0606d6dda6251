"""The Celery app: reads CELERY_* settings and finds tasks.py in every installed app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ptashka.settings.dev")

app = Celery("ptashka")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
