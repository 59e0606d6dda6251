"""The retry policy of tasks that talk to the outside world: transient failures only, backed off."""

import smtplib
import socket

import requests
from botocore.exceptions import ClientError
from botocore.exceptions import ConnectionError as StorageConnectionError
from django.conf import settings

from ptashka.notifications.sms import SMSRefused


class TransientDeliveryError(Exception):
    """A provider failed in a way that may pass: the task is retried with backoff and jitter."""


class PermanentDeliveryError(Exception):
    """A provider refused for good (bad address, bad credentials): retrying would repeat the refusal."""


def is_transient(exc):
    """Whether retrying the call that raised ``exc`` may succeed."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _message in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return exc.response.status_code == 429 or exc.response.status_code >= 500
    if isinstance(exc, requests.ConnectionError | requests.Timeout):
        return True
    if isinstance(exc, StorageConnectionError):
        return True
    if isinstance(exc, ClientError):
        return exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) >= 500
    if isinstance(exc, SMSRefused):
        return exc.status_code == 429 or exc.status_code >= 500
    anymail_status = getattr(exc, "status_code", None)
    if exc.__class__.__module__.startswith("anymail") and anymail_status is not None:
        return anymail_status == 429 or anymail_status >= 500
    return isinstance(exc, ConnectionError | socket.timeout | TimeoutError)


def delivery_task_options():
    """Celery task options for a delivery task: retry transient failures only, exponentially."""
    return {
        "bind": True,
        "autoretry_for": (TransientDeliveryError,),
        "retry_backoff": settings.CELERY_RETRY_BACKOFF_SECONDS,
        "retry_backoff_max": 60 * 60,
        "retry_jitter": True,
        "max_retries": settings.CELERY_DELIVERY_MAX_RETRIES,
    }
