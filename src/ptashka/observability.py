"""Error reporting: Sentry with the Django and Celery integrations, switched on by SENTRY_DSN."""

import sentry_sdk
from django.conf import settings
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration


def init_sentry():
    """Called once the apps are loaded (web, ASGI, Celery worker and beat alike), with the final settings."""
    if not settings.SENTRY_DSN:
        return
    sentry_sdk.init(
        dsn=settings.SENTRY_DSN,
        environment=settings.SENTRY_ENVIRONMENT,
        integrations=[DjangoIntegration(), CeleryIntegration(monitor_beat_tasks=True)],
        traces_sample_rate=settings.SENTRY_TRACES_SAMPLE_RATE,
        # Shoppers' personal data stays out of error reports.
        send_default_pii=False,
    )
