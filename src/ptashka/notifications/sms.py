"""Text messages through Twilio's own SDK, switched on by the TWILIO_* settings."""

from django.conf import settings
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client


class SMSRefused(Exception):
    """Twilio answered the message with an error; ``status_code`` is its HTTP status."""

    def __init__(self, status_code, message):
        super().__init__(f"Twilio refused the message ({status_code}): {message}")
        self.status_code = status_code


def sms_enabled():
    return bool(settings.TWILIO_ACCOUNT_SID and settings.TWILIO_AUTH_TOKEN and settings.TWILIO_FROM_NUMBER)


def twilio_client():
    # The SDK's own HTTP client waits forever by default, and its retries would stack on the task's.
    http_client = TwilioHttpClient(timeout=settings.TWILIO_TIMEOUT_SECONDS, max_retries=0)
    client = Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, http_client=http_client)
    # Empty for Twilio itself; a local stand-in in tests.
    if settings.TWILIO_API_URL:
        client.api.base_url = settings.TWILIO_API_URL.rstrip("/")
    return client


def send_sms_through_provider(phone_number, body):
    """Send one message; returns Twilio's message SID.

    Raises SMSRefused for an answer Twilio gave (status code kept for the retry policy) and
    requests' connection errors and timeouts when Twilio could not be reached.
    """
    try:
        message = twilio_client().messages.create(
            to=phone_number, from_=settings.TWILIO_FROM_NUMBER, body=body
        )
    except TwilioRestException as exc:
        raise SMSRefused(exc.status, exc.msg) from exc
    return message.sid
