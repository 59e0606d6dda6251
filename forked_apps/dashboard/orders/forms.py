"""The refund form of the dashboard's order page: whole orders, chosen lines or an amount."""

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ptashka.payments import facade


class RefundForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # A DecimalField refuses "NaN" and "Infinity", which Decimal() accepts and which then failed the
    # comparisons below with a 500; zero and negative amounts are a form error too.
    amount = forms.DecimalField(
        required=False,
        label=_("Amount"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        error_messages={"invalid": _("Enter the amount to refund as a number, such as 10.50.")},
    )
    lines = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, label=_("Lines"))

    def __init__(self, order, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        self.fields["lines"].choices = [
            (str(line.pk), f"{line.quantity} × {line.title} ({line.line_price_incl_tax} {order.currency})")
            for line in order.lines.all()
        ]
        if not self.is_bound:
            self.initial["token"] = uuid.uuid4().hex

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("lines") or []
        if chosen:
            lines = self.order.lines.filter(pk__in=chosen)
            cleaned["refund_amount"] = sum((line.line_price_incl_tax for line in lines), Decimal("0.00"))
        elif self.errors.get("amount"):
            pass  # not an amount: the field's own error says so, and nothing is refunded
        elif cleaned.get("amount") is not None:
            cleaned["refund_amount"] = cleaned["amount"]
        else:
            cleaned["refund_amount"] = facade.refundable(self.order)  # neither: all that is left
        return cleaned
