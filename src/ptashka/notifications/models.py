"""The outbox of emails and SMS, sent basket reminders and unsubscribed addresses."""

from django.db import models
from django.utils import timezone


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "pending"
    SENT = "sent", "sent"
    FAILED = "failed", "failed"


class OutgoingEmail(models.Model):
    """One email to one recipient; a worker sends it once, however often its task runs."""

    # Set when the email belongs to a business event (an order's status change, a basket reminder),
    # so the same event can never queue it twice.
    business_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    recipient = models.EmailField(max_length=254)
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=998)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    # [filename, text content, mimetype] triples, or paths of files in storage.
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} → {self.recipient} ({self.status})"


class OutgoingSMS(models.Model):
    """One text message, sent once through the SMS provider."""

    business_key = models.CharField(max_length=200, unique=True)
    phone_number = models.CharField(max_length=32)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    provider_message_id = models.CharField(max_length=64, blank=True)
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "outgoing SMS"
        verbose_name_plural = "outgoing SMS"

    def __str__(self):
        return f"SMS → {self.phone_number} ({self.status})"


class BasketReminder(models.Model):
    """The one reminder an abandoned basket ever gets."""

    basket = models.OneToOneField("basket.Basket", on_delete=models.CASCADE, related_name="reminder")
    email = models.EmailField(max_length=254)
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"reminder for basket {self.basket_id}"


class Unsubscription(models.Model):
    """An address that asked for no more basket reminders."""

    email = models.EmailField(max_length=254, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.email
