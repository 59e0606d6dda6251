"""The refund form on the dashboard's order page."""

from django import template

from ..order_pipeline import refundable
from ..refunds import RefundForm

register = template.Library()


@register.inclusion_tag("ptashka/payments/refund_form.html")
def refund_form(order):
    return {"order": order, "form": RefundForm(order), "refundable": refundable(order)}
