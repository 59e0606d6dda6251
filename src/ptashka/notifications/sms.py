"""Text messages through Twilio's REST API, switched on by the TWILIO_* settings."""

import requests
from django.conf import settings


def sms_enabled():
    return bool(settings.TWILIO_ACCOUNT_SID and settings.TWILIO_AUTH_TOKEN and settings.TWILIO_FROM_NUMBER)


def send_sms_through_provider(phone_number, body):
    """Send one message; returns Twilio's message SID. Raises requests' errors on failure."""
    sid = settings.TWILIO_ACCOUNT_SID
    response = requests.post(
        f"{settings.TWILIO_API_URL.rstrip('/')}/2010-04-01/Accounts/{sid}/Messages.json",
        data={"To": phone_number, "From": settings.TWILIO_FROM_NUMBER, "Body": body},
        auth=(sid, settings.TWILIO_AUTH_TOKEN),
        timeout=settings.TWILIO_TIMEOUT_SECONDS,
    )
    response.raise_for_status()
    return response.json()["sid"]
