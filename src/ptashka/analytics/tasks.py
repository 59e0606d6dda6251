"""Celery tasks of analytics exports; re-running a day rewrites the same files."""

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from ptashka.background.retry import TransientDeliveryError, delivery_task_options, is_transient

from .exports import export_day


@shared_task(**delivery_task_options())
def export_analytics_for_day(self, day_iso):
    try:
        return export_day(date.fromisoformat(day_iso))
    except Exception as exc:
        if is_transient(exc):  # storage unreachable for a moment: the backed-off retry may succeed
            raise TransientDeliveryError(str(exc)) from exc
        raise


@shared_task
def export_yesterday():
    """Beat task: yesterday in the shop's time zone, which has ended for every order."""
    yesterday = timezone.localdate() - timedelta(days=1)
    export_analytics_for_day.delay(yesterday.isoformat())
    return yesterday.isoformat()
