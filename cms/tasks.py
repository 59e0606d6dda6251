"""Celery tasks of the content side: Wagtail's scheduled publishing, run by beat every minute."""

import io

from celery import shared_task
from django.core.management import call_command


@shared_task(name="cms.tasks.publish_scheduled")
def publish_scheduled():
    """Publish what merchandisers scheduled to go live, and unpublish what has expired, pages and snippets."""
    report = io.StringIO()
    call_command("publish_scheduled", stdout=report)
    return report.getvalue()
