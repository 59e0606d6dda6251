"""Oscar's Dispatcher, changed to queue every email for the Celery worker and to link to SHOP_BASE_URL."""

import copy

from django.core.mail import EmailMessage
from oscar.apps.communication import utils

from ptashka.notifications.outbox import queue_email
from ptashka.public_url import shop_domain, shop_url


class Dispatcher(utils.Dispatcher):
    def get_base_context(self, **kwargs):
        """Oscar's context, with `site.domain` the shop's public host whatever the Site row or request says.

        Oscar's templates link to OSCAR_URL_SCHEMA://site.domain/...; a password reset asked for through
        a proxy or the API must not send the token to another host, or over plain http.
        """
        context = super().get_base_context(**kwargs)
        site = copy.copy(context["site"])
        site.domain = shop_domain()
        context.update(site=site, shop_url=shop_url())
        return context

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
