"""Checkout views: payment through the shop's gateway interface, never a provider SDK directly."""

import logging

from django import http
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from oscar.apps.checkout import views
from oscar.core.loading import get_model

from ptashka.payments import facade
from ptashka.payments.models import CheckoutPayment
from ptashka.security.content_policy import allow_sources

Order = get_model("order", "Order")

logger = logging.getLogger(__name__)

NO_GATEWAY = gettext_lazy(
    "No payment method can take this basket at the moment, so the order cannot be placed. "
    "Your basket is kept."
)


class GatewayChoiceMixin:
    """The gateways offered for the basket's currency, and the one the shopper chose."""

    def offered_gateways(self):
        return facade.offered_gateways(self.request.basket)

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
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def render_to_response(self, context, **response_kwargs):
        # The place-order form's post may end at the chosen gateway's approval page: the CSP allows it.
        response = super().render_to_response(context, **response_kwargs)
        chosen = context.get("chosen_gateway")
        return allow_sources(response, chosen.place_order_sources() if chosen else {})

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
        return facade.PENDING

    def handle_payment(self, order_number, total, **kwargs):
        # Committed before the order is placed (this view is non-atomic); see facade.start_payment.
        self._payment = facade.start_payment(
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
        order = facade.place_and_pay(self._payment, place)
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


class PayView(PlacedOrderMixin, generic.TemplateView):
    """Where the shopper pays a placed order through its gateway's own part of the page (a card field in
    the provider's widget, a link to approve at the provider, a button), or is sent on to approve it."""

    template_name = "oscar/checkout/pay.html"
    # True on checkout:payment-cancelled, where a provider sends a shopper who gave up on its pages.
    cancelled_at_provider = False

    def get(self, request, *args, **kwargs):
        order, payment = self.placed_order()
        if payment.status in (facade.SUCCEEDED, facade.AUTHORISED):
            return redirect("checkout:thank-you")
        try:
            gateway = facade.gateway_for(payment.gateway)
        except LookupError:
            # The shop no longer offers the way this order was to be paid (its keys are gone).
            context = self.get_context_data(order=order, payment=payment, gateway=None, state=None)
            return self.render_to_response(context, status=503)
        try:
            # Only read: opening this page never takes money.
            state, _order = facade.sync_payment(payment)
        except facade.PaymentServiceUnavailable:
            messages.error(request, facade.UNAVAILABLE)
            state = None
        if state is not None and state.status in (facade.SUCCEEDED, facade.AUTHORISED):
            return redirect("checkout:thank-you")  # paid meanwhile: nothing left to do here
        if state is not None and state.approved:
            # Approved at the provider, but the shopper came here instead of back: the return completes it.
            return redirect("checkout:payment-return")
        if (
            gateway.approves_at_provider
            and not self.cancelled_at_provider
            and state is not None
            and state.approval_url
            and payment.status == facade.REQUIRES_ACTION
        ):
            # Straight from placing the order: the shopper approves the payment at the provider.
            return redirect(state.approval_url)
        context = self.get_context_data(
            order=order,
            payment=payment,
            gateway=gateway,
            state=state,
            cancelled_at_provider=self.cancelled_at_provider,
        )
        # Only this gateway's script, frames and API are allowed, and on this page only.
        return allow_sources(self.render_to_response(context), gateway.pay_page_sources())

    def post(self, request, *args, **kwargs):
        """The browser sends the provider's token for the card; the card itself never comes here."""
        order, payment = self.placed_order()
        token = request.POST.get("token", "")
        if not token:
            return http.JsonResponse({"error": _("No card was given.")}, status=400)
        return_url = reverse("checkout:payment-return")
        try:
            state, _order = facade.pay_with_token(payment, token)
        except facade.PaymentDeclined as declined:
            return http.JsonResponse({"error": str(declined)}, status=402)
        except (facade.PaymentServiceUnavailable, LookupError):  # LookupError: gateway no longer offered
            return http.JsonResponse({"error": facade.UNAVAILABLE}, status=503)
        if state.status == facade.REQUIRES_ACTION:
            # 3-D Secure: Stripe.js shows the bank's check, then the browser comes to return_url.
            return http.JsonResponse(
                {"requires_action": True, "client_secret": state.client_secret, "next": return_url}
            )
        return http.JsonResponse({"next": return_url})


class PaymentCancelledView(PayView):
    """Where a provider sends a shopper who gave up on its pages: the pay page again, saying so, with the
    way to try again; nothing about the order or its payment changes."""

    cancelled_at_provider = True
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        order, payment = self.placed_order()
        # The provider names the payment the shopper gave up on: another one is not this checkout's.
        if "token" in request.GET and request.GET["token"] != payment.reference:
            return http.HttpResponseBadRequest(
                _("This payment is for another order."), content_type="text/plain"
            )
        return super().get(request, *args, **kwargs)


class PaymentReturnView(PlacedOrderMixin, generic.View):
    """Back from the provider's widget: ask the provider what happened, never the browser."""

    def get(self, request, *args, **kwargs):
        order, payment = self.placed_order()
        # PayPal names the order it sends the buyer back for: another one is not this checkout's.
        if "token" in request.GET and request.GET["token"] != payment.reference:
            return http.HttpResponseBadRequest(
                _("This payment approval is for another order."), content_type="text/plain"
            )
        try:
            # The flow's one step that takes the money the shopper approved at the provider.
            state, _order = facade.complete_approved_payment(payment)
        except facade.PaymentServiceUnavailable:
            messages.error(request, facade.UNAVAILABLE)
            return redirect("checkout:pay")
        if state.status in (facade.SUCCEEDED, facade.AUTHORISED):
            return redirect("checkout:thank-you")
        if state.decline_reason:
            messages.error(request, state.decline_reason)
        return redirect("checkout:pay")


class IndexView(views.IndexView):
    """Oscar's checkout gateway; its "I am a returning customer" sign-in goes through the lockout too."""

    def get_form_kwargs(self):
        # django-axes judges every sign-in by its request, and refuses one without; Oscar passes none.
        return {**super().get_form_kwargs(), "request": self.request}


class ShippingMethodView(views.ShippingMethodView):
    def form_invalid(self, form):
        # The page says what is wrong beside the choice and in its error summary; Oscar's flash message
        # ("Your submitted shipping method is not permitted") would say it a third time.
        return super(views.ShippingMethodView, self).form_invalid(form)
