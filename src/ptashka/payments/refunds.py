"""Refunds from the dashboard's order page: whole orders, chosen lines or an amount."""

import uuid
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from .gateway import PaymentServiceUnavailable, RefundRefused
from .order_pipeline import refund_order, refundable

Order = get_model("order", "Order")


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
            cleaned["refund_amount"] = refundable(self.order)  # neither lines nor amount: all that is left
        return cleaned


@staff_member_required(login_url="/accounts/login/")
@require_POST
def refund_view(request, number):
    order = get_object_or_404(Order, number=number)
    form = RefundForm(order, request.POST)
    back = redirect("dashboard:order-detail", number=order.number)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return back
    amount = form.cleaned_data["refund_amount"]
    try:
        refund, created = refund_order(
            order.number, amount, form.cleaned_data["token"], request.user.get_username()
        )
    except RefundRefused as refused:
        messages.error(request, str(refused))
        return back
    except PaymentServiceUnavailable:
        messages.error(
            request, _("The payment service is unavailable; nothing was refunded. Please try again.")
        )
        return back
    if created:
        messages.success(
            request, _("Refunded %(amount)s %(currency)s.") % {"amount": amount, "currency": order.currency}
        )
    else:
        messages.info(request, _("This refund was already made; nothing more was refunded."))
    return back
