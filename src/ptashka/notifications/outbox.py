"""Queueing emails and SMS in the database, and sending each one exactly once from a worker."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from ptashka.background.handover import hand_to_worker, hand_to_worker_after_commit
from ptashka.background.retry import PermanentDeliveryError, TransientDeliveryError, is_transient

from .models import DeliveryStatus, OutgoingEmail, OutgoingSMS
from .sms import send_sms_through_provider

logger = logging.getLogger(__name__)


def storable_attachments(attachments):
    """Keep file paths and text triples; a worker cannot rebuild arbitrary MIME objects."""
    stored = []
    for attachment in attachments or []:
        if isinstance(attachment, str):
            stored.append(attachment)
        elif isinstance(attachment, list | tuple) and isinstance(attachment[1], str):
            stored.append(list(attachment))
        else:
            logger.warning("Dropping an email attachment of type %s", type(attachment).__name__)
    return stored


def queue_email(
    recipient, subject, body_text, body_html="", from_email=None, attachments=None, business_key=None
):
    """Record an email and hand it to the worker once the surrounding transaction commits."""
    from . import tasks  # imported here: tasks imports this module

    fields = {
        "recipient": recipient,
        "from_email": from_email or settings.OSCAR_FROM_EMAIL,
        "subject": subject.strip(),
        "body_text": body_text,
        "body_html": body_html,
        "attachments": storable_attachments(attachments),
    }
    if business_key:
        outgoing, created = OutgoingEmail.objects.get_or_create(business_key=business_key, defaults=fields)
        if not created:
            return outgoing
    else:
        outgoing = OutgoingEmail.objects.create(**fields)
    # A broker outage after the order committed is logged, never shown to the shopper: the row
    # stays pending for requeue_unsent.
    hand_to_worker_after_commit(tasks.send_email, outgoing.pk)
    return outgoing


def queue_sms(phone_number, body, business_key):
    """Record a text message and hand it to the worker on commit; one per business key."""
    from . import tasks

    outgoing, created = OutgoingSMS.objects.get_or_create(
        business_key=business_key, defaults={"phone_number": phone_number, "body": body}
    )
    if created:
        hand_to_worker_after_commit(tasks.send_sms, outgoing.pk)
    return outgoing


def requeue_unsent(older_than=timedelta(minutes=15), not_older_than=timedelta(days=2), now=None):
    """Hand back to the worker emails and SMS still pending after ``older_than``.

    Covers a broker that was down when the request committed. A task that is merely retrying
    may get a second copy; the row lock in deliver() still sends once. Returns how many.
    """
    from . import tasks

    now = now or timezone.now()
    window = {"status": DeliveryStatus.PENDING, "created_at__lt": now - older_than}
    window["created_at__gte"] = now - not_older_than
    email_ids = list(OutgoingEmail.objects.filter(**window).values_list("pk", flat=True))
    sms_ids = list(OutgoingSMS.objects.filter(**window).values_list("pk", flat=True))
    for pk in email_ids:
        hand_to_worker(tasks.send_email, pk)
    for pk in sms_ids:
        hand_to_worker(tasks.send_sms, pk)
    return len(email_ids) + len(sms_ids)


def build_message(outgoing):
    message = EmailMultiAlternatives(
        outgoing.subject, outgoing.body_text, from_email=outgoing.from_email, to=[outgoing.recipient]
    )
    if outgoing.body_html:
        message.attach_alternative(outgoing.body_html, "text/html")
    for attachment in outgoing.attachments:
        if isinstance(attachment, str):
            message.attach_file(attachment)
        else:
            message.attach(*attachment)
    return message


def deliver(model, pk, send):
    """Send one outbox row unless it was sent already; the row lock stops two workers racing.

    A transient failure raises TransientDeliveryError (the task retries); a permanent one is
    recorded and logged, then raises PermanentDeliveryError so the task is marked failed.
    """
    with transaction.atomic():
        outgoing = model.objects.select_for_update().get(pk=pk)
        if outgoing.status != DeliveryStatus.PENDING:
            return outgoing.status
        try:
            provider_id = send(outgoing)
        except Exception as exc:
            failure = exc
        else:
            outgoing.status = DeliveryStatus.SENT
            outgoing.sent_at = timezone.now()
            outgoing.attempts += 1
            update_fields = ["status", "sent_at", "attempts"]
            if provider_id:
                outgoing.provider_message_id = provider_id
                update_fields.append("provider_message_id")
            outgoing.save(update_fields=update_fields)
            return outgoing.status
    # Outside the transaction above, so the attempt is recorded whatever happens next.
    model.objects.filter(pk=pk).update(attempts=outgoing.attempts + 1, failure=str(failure)[:2000])
    if is_transient(failure):
        logger.warning("Transient failure sending %s %s, will retry: %s", model.__name__, pk, failure)
        raise TransientDeliveryError(str(failure)) from failure
    model.objects.filter(pk=pk).update(status=DeliveryStatus.FAILED)
    logger.error("Permanent failure sending %s %s, not retrying: %s", model.__name__, pk, failure)
    raise PermanentDeliveryError(str(failure)) from failure


def deliver_email(pk):
    def send(outgoing):
        build_message(outgoing).send()

    return deliver(OutgoingEmail, pk, send)


def deliver_sms(pk):
    return deliver(
        OutgoingSMS, pk, lambda outgoing: send_sms_through_provider(outgoing.phone_number, outgoing.body)
    )
