"""Error reporting: Sentry with the Django and Celery integrations, switched on by SENTRY_DSN."""

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration


def init_sentry(dsn, environment, traces_sample_rate):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration(monitor_beat_tasks=True)],
        traces_sample_rate=traces_sample_rate,
        # Shoppers' personal data stays out of error reports.
        send_default_pii=False,
    )
