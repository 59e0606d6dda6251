"""The dashboard's order page with its refund form, and the refund it posts to."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.dashboard.orders import views
from oscar.apps.dashboard.orders.views import get_order_for_user_or_404

from ptashka.payments import facade

from .apps import REFUND_PERMISSION
from .forms import RefundForm


class OrderDetailView(views.OrderDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm(REFUND_PERMISSION):
            context["refund_form"] = RefundForm(self.object)
            context["refundable"] = facade.refundable(self.object)
        return context


class OrderRefundView(generic.View):
    """Refund part or all of a captured order once per form token; never more than was captured."""

    http_method_names = ["post"]

    def post(self, request, number):
        order = get_order_for_user_or_404(request.user, number)
        form = RefundForm(order, request.POST)
        back = redirect("dashboard:order-detail", number=order.number)
        if not form.is_valid():
            for error in form.errors.values():
                messages.error(request, " ".join(error))
            return back
        amount = form.cleaned_data["refund_amount"]
        try:
            _refund, created = facade.refund(
                order.number, amount, form.cleaned_data["token"], request.user.get_username()
            )
        except facade.RefundRefused as refused:
            messages.error(request, str(refused))
            return back
        except facade.PaymentServiceUnavailable:
            messages.error(
                request, _("The payment service is unavailable; nothing was refunded. Please try again.")
            )
            return back
        if created:
            messages.success(
                request,
                _("Refunded %(amount)s %(currency)s.") % {"amount": amount, "currency": order.currency},
            )
        else:
            messages.info(request, _("This refund was already made; nothing more was refunded."))
        return back
