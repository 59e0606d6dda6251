"""Checkout views: payment through the shop's gateway interface, never a provider SDK directly."""

import logging

from django import http
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from oscar.apps.checkout import views
from oscar.core.loading import get_model

from ptashka.payments import gateway as states
from ptashka.payments.checkout_flow import UNAVAILABLE, confirm_with_token, place_and_pay, start_payment
from ptashka.payments.gateway import PaymentDeclined, PaymentServiceUnavailable
from ptashka.payments.models import CheckoutPayment
from ptashka.payments.order_pipeline import PENDING, apply_payment_state
from ptashka.payments.registry import gateway_by_code, gateways_for_basket
from ptashka.security.content_policy import allows_paypal_approval, allows_stripe_js

Order = get_model("order", "Order")

logger = logging.getLogger(__name__)

NO_GATEWAY = gettext_lazy(
    "No payment method can take this basket at the moment, so the order cannot be placed. "
    "Your basket is kept."
)


class GatewayChoiceMixin:
    """The gateways offered for the basket's currency, and the one the shopper chose."""

    def offered_gateways(self):
        return gateways_for_basket(self.request.basket)

    def chosen_gateway(self):
        offered = {gateway.code: gateway for gateway in self.offered_gateways()}
        code = self.checkout_session.payment_method()
        if code in offered:
            return offered[code]
        if len(offered) == 1:
            return next(iter(offered.values()))
        return None


class PaymentDetailsView(GatewayChoiceMixin, views.PaymentDetailsView):
    @classmethod
    def as_view(cls, **initkwargs):
        # Not one transaction per request: the record of a payment started at the provider must be
        # committed before the order is placed, so that a crash in between leaves reconciliation a trace.
        # The place-order form's post may end at PayPal's approval page: the CSP's form-action allows it.
        return transaction.non_atomic_requests(allows_paypal_approval(super().as_view(**initkwargs)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["gateways"] = self.offered_gateways()
        chosen = self.chosen_gateway()
        context["chosen_gateway"] = chosen
        return context

    def handle_payment_details_submission(self, request):
        offered = {gateway.code for gateway in self.offered_gateways()}
        code = request.POST.get("gateway", "")
        if code not in offered:
            return self.render_payment_details(
                request, error=_("Please choose one of the payment methods shown.")
            )
        self.checkout_session.pay_by(code)
        return self.render_preview(request)

    def handle_place_order_submission(self, request):
        # Only the submission's server-side totals are used; anything else posted is ignored.
        if not self.offered_gateways():
            return self.render_payment_details(request, error=NO_GATEWAY)
        if self.chosen_gateway() is None:
            return self.render_payment_details(request, error=_("Please choose how to pay."))
        return super().handle_place_order_submission(request)

    def get_initial_order_status(self, basket):
        return PENDING

    def handle_payment(self, order_number, total, **kwargs):
        # Committed before the order is placed (this view is non-atomic); see ptashka.payments.checkout_flow.
        self._payment = start_payment(
            self.chosen_gateway(), order_number=order_number, total=total, basket_id=self.request.basket.id
        )

    def handle_order_placement(
        self,
        order_number,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        billing_address,
        order_total,
        surcharges=None,
        **kwargs,
    ):
        def place():
            order = self.place_order(
                order_number=order_number,
                user=user,
                basket=basket,
                shipping_address=shipping_address,
                shipping_method=shipping_method,
                shipping_charge=shipping_charge,
                order_total=order_total,
                billing_address=billing_address,
                surcharges=surcharges,
                **kwargs,
            )
            basket.submit()
            return order

        # The order, its stock and its payment's outcome are written together or not at all; a
        # payment whose order cannot be placed is given up (UnableToPlaceOrder reaches Oscar's view).
        order = place_and_pay(self._payment, place)
        response = self.handle_successful_order(order)
        if self._payment is not None and self._payment.waits_for_shopper:
            return redirect("checkout:pay")
        return response


class PlacedOrderMixin:
    """The order this session just placed (Oscar keeps its id in the session for the thank-you page)."""

    def placed_order(self):
        order_id = self.request.session.get("checkout_order_id")
        if order_id is None:
            raise http.Http404(_("No order is waiting for payment."))
        order = Order.objects.filter(pk=order_id).first()
        payment = CheckoutPayment.objects.filter(order_number=getattr(order, "number", None)).last()
        if order is None or payment is None:
            raise http.Http404(_("No order is waiting for payment."))
        return order, payment


@method_decorator(allows_stripe_js, name="dispatch")
class PayView(PlacedOrderMixin, generic.TemplateView):
    """Where the shopper confirms the card payment in the provider's own widget (Stripe.js), or is sent
    to approve it on the provider's pages (PayPal) and comes back to after cancelling there."""

    template_name = "oscar/checkout/pay.html"

    def get(self, request, *args, **kwargs):
        order, payment = self.placed_order()
        if payment.status in (states.SUCCEEDED, states.AUTHORISED):
            return redirect("checkout:thank-you")
        gateway = gateway_by_code(payment.gateway)
        try:
            state = gateway.confirm(payment.reference)
        except PaymentServiceUnavailable:
            messages.error(request, UNAVAILABLE)
            state = None
        if state is not None and state.status in (states.SUCCEEDED, states.AUTHORISED):
            # Paid meanwhile (PayPal captures an approved order when asked): nothing left to do here.
            apply_payment_state(payment.gateway, state)
            return redirect("checkout:thank-you")
        cancelled_at_provider = request.GET.get("paypal") == "cancelled"
        if gateway.approves_at_provider and state is not None:
            if cancelled_at_provider:
                messages.warning(
                    request,
                    _("You cancelled the payment at PayPal. Your order is kept — try again when ready."),
                )
            elif state.approval_url and payment.status == states.REQUIRES_ACTION:
                # Straight from placing the order: the shopper approves the payment at PayPal.
                return redirect(state.approval_url)
        context = self.get_context_data(
            order=order,
            payment=payment,
            gateway=gateway,
            state=state,
            stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            stripe_js_url=settings.STRIPE_JS_URL,
            return_url=request.build_absolute_uri(reverse("checkout:payment-return")),
        )
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        """The browser sends the provider's token for the card; the card itself never comes here."""
        order, payment = self.placed_order()
        token = request.POST.get("token", "")
        if not token:
            return http.JsonResponse({"error": _("No card was given.")}, status=400)
        return_url = reverse("checkout:payment-return")
        try:
            state, _order = confirm_with_token(payment, token)
        except PaymentDeclined as declined:
            return http.JsonResponse({"error": str(declined)}, status=402)
        except PaymentServiceUnavailable:
            return http.JsonResponse({"error": UNAVAILABLE}, status=503)
        if state.status == states.REQUIRES_ACTION:
            # 3-D Secure: Stripe.js shows the bank's check, then the browser comes to return_url.
            return http.JsonResponse(
                {"requires_action": True, "client_secret": state.client_secret, "next": return_url}
            )
        return http.JsonResponse({"next": return_url})


class PaymentReturnView(PlacedOrderMixin, generic.View):
    """Back from the provider's widget: ask the provider what happened, never the browser."""

    def get(self, request, *args, **kwargs):
        order, payment = self.placed_order()
        # PayPal names the order it sends the buyer back for: another one is not this checkout's.
        if "token" in request.GET and request.GET["token"] != payment.reference:
            return http.HttpResponseBadRequest(
                _("This payment approval is for another order."), content_type="text/plain"
            )
        gateway = gateway_by_code(payment.gateway)
        try:
            state = gateway.confirm(payment.reference)
        except PaymentServiceUnavailable:
            messages.error(request, UNAVAILABLE)
            return redirect("checkout:pay")
        apply_payment_state(payment.gateway, state)
        if state.status in (states.SUCCEEDED, states.AUTHORISED):
            return redirect("checkout:thank-you")
        if state.decline_reason:
            messages.error(request, state.decline_reason)
        return redirect("checkout:pay")


class IndexView(views.IndexView):
    """Oscar's checkout gateway; its "I am a returning customer" sign-in goes through the lockout too."""

    def get_form_kwargs(self):
        # django-axes judges every sign-in by its request, and refuses one without; Oscar passes none.
        return {**super().get_form_kwargs(), "request": self.request}
