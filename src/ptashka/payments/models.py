"""What the shop remembers of provider payments: each checkout payment, each webhook event, each refund."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import gateway as states


class CheckoutPayment(models.Model):
    """A payment started at a provider for an order number; the order may not exist yet (or ever)."""

    STATUS_CHOICES = [
        (states.REQUIRES_ACTION, _("Waiting for the shopper")),
        (states.AUTHORISED, _("Authorised")),
        (states.SUCCEEDED, _("Captured")),
        (states.FAILED, _("Declined")),
        (states.CANCELLED, _("Cancelled")),
    ]

    gateway = models.CharField(max_length=20)
    reference = models.CharField(max_length=128, help_text=_("The provider's id of the payment"))
    order_number = models.CharField(max_length=128, db_index=True)
    # The frozen basket, so reconciliation can give it back when the order was never created.
    basket_id = models.IntegerField(null=True, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=12)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=states.REQUIRES_ACTION)
    # Approvals the provider declined at completion; part of the next completion's idempotency key.
    declines = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gateway", "reference"], name="unique_provider_payment"),
        ]

    def __str__(self):
        return f"{self.gateway} {self.reference} for order {self.order_number}"

    @property
    def is_open(self):
        return self.status in (states.REQUIRES_ACTION, states.FAILED)


class ProviderEvent(models.Model):
    """Every webhook event id ever applied, so a repeated delivery changes nothing."""

    gateway = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    kind = models.CharField(max_length=40)
    payment_reference = models.CharField(max_length=128, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gateway", "event_id"], name="unique_provider_event"),
        ]

    def __str__(self):
        return f"{self.gateway} {self.event_id} ({self.kind})"


class PaymentRefund(models.Model):
    """A refund asked for from the dashboard; the form's one-time token makes a double click harmless."""

    payment = models.ForeignKey(CheckoutPayment, on_delete=models.PROTECT, related_name="refunds")
    token = models.CharField(max_length=64, unique=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    provider_reference = models.CharField(max_length=128, blank=True)
    requested_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Checked by the dashboard's refund page (forked_apps/dashboard/orders): not every staff member.
        permissions = [("refund_payment", _("Can refund payments from the dashboard"))]

    def __str__(self):
        return f"refund {self.amount} of {self.payment}"
