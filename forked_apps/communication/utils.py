"""Oscar's Dispatcher, changed to queue every email for the Celery worker instead of sending it."""

from django.core.mail import EmailMessage
from oscar.apps.communication import utils

from ptashka.notifications.outbox import queue_email


class Dispatcher(utils.Dispatcher):
    def send_email_messages(self, recipient_email, messages, from_email=None, attachments=None):
        """Record the message and send it after the transaction commits; the shopper never waits.

        Returns an unsent EmailMessage, because Oscar's callers log its subject and body.
        """
        queued = queue_email(
            recipient_email,
            subject=messages["subject"],
            body_text=messages["body"],
            body_html=messages.get("html") or "",
            from_email=from_email,
            attachments=attachments,
        )
        self.logger.info("Queued email %s to %s", queued.pk, recipient_email)
        return EmailMessage(queued.subject, queued.body_text, queued.from_email, [recipient_email])

    def send_text_message(self, user, event_type):
        # Oscar's users carry no phone number; SMS go out per order (ptashka.notifications.orders).
        return None
