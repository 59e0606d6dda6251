"""Paying over the API: the payment methods offered for the basket, and paying for a placed order."""

import re

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from oscar.core.loading import get_model
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ptashka.api.ownership import baskets_of, orders_of
from ptashka.api.serializers.checkout import PaymentSerializer, describe_payment
from ptashka.api.throttling import Throttled
from ptashka.payments import facade

Basket = get_model("basket", "Basket")

ERROR = {"type": "object", "properties": {"detail": {"type": "string"}}}

# A provider's id for a payment method or card token (pm_…, tok_…), never card details.
PAYMENT_METHOD_ID = re.compile(r"[A-Za-z]+_[A-Za-z0-9_]+")
CARD_NUMBER_LIKE = re.compile(r"\d{12,}")

# Settled payments need no question to the provider: nothing can change them any more.
SETTLED = (facade.SUCCEEDED, facade.CANCELLED)


class PaymentMethodSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Send it as `payment_method` to POST /api/checkout/.")
    label = serializers.CharField(help_text="What to show the shopper.")
    test_only = serializers.BooleanField(help_text="True for the Dummy gateway: no money moves.")
    public_keys = serializers.DictField(
        child=serializers.CharField(),
        help_text="What the client needs to talk to the provider itself, e.g. Stripe's `publishable_key` "
        "for Stripe.js or a mobile SDK to confirm the checkout's `client_secret`. Never a secret.",
    )


class PaymentMethodsView(APIView):
    """The payment methods offered for the caller's basket (those that take its currency)."""

    serializer_class = PaymentMethodSerializer

    @extend_schema(
        summary="Payment methods offered for the basket",
        description="The gateways the shop offers for the caller's basket, in the order the storefront shows "
        "them. Send one's `code` as `payment_method` to `POST /api/checkout/`. Without payment keys the "
        "shop offers only `dummy`, a test-only gateway that pays at once.",
        responses={200: PaymentMethodSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        # Read only: a caller without a basket yet gets the methods for the shop's currency.
        basket = baskets_of(request).filter(status=Basket.OPEN).order_by("-pk").first()
        methods = [
            {
                "code": gateway.code,
                "label": str(gateway.label),
                "test_only": gateway.test_only,
                "public_keys": gateway.public_keys(),
            }
            for gateway in facade.offered_gateways(basket)
        ]
        return Response(PaymentMethodSerializer(methods, many=True).data)


class PaymentConfirmationSerializer(serializers.Serializer):
    payment_method = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=255,
        help_text="Stripe: a PaymentMethod id made by Stripe's SDK in the client (`pm_…`; in test mode "
        "e.g. `pm_card_visa`), or a card token (`tok_…`). Never card numbers. Left out for PayPal "
        "(after the shopper approved) and Dummy.",
    )

    def validate_payment_method(self, value):
        if CARD_NUMBER_LIKE.search(re.sub(r"[\s-]", "", value)) or (
            value and not PAYMENT_METHOD_ID.fullmatch(value)
        ):
            raise serializers.ValidationError(
                _("Send the id of a payment method made with the provider's SDK (pm_…), never card details.")
            )
        return value


class OrderPaymentView(Throttled, APIView):
    """The payment of one of the caller's orders: its state, and paying it."""

    throttle_scope = "checkout"
    serializer_class = PaymentConfirmationSerializer

    def order_and_payment(self, request, pk):
        order = generics.get_object_or_404(orders_of(request), pk=pk)
        payment = facade.order_payment(order)
        if payment is None:
            raise Http404(_("This order has nothing to pay."))
        return order, payment

    def answer(self, request, order, payment, state, code=status.HTTP_200_OK):
        return Response(describe_payment(request, order, payment, state), status=code)

    @extend_schema(
        summary="The order's payment",
        description="The payment as the provider reports it now (the shop asks the provider, and brings the "
        "order up to date). Poll it, or the order, after paying. Only reads: it never takes money, not "
        "even for a PayPal payment the shopper approved (POST completes that).",
        responses={
            200: PaymentSerializer,
            404: OpenApiResponse(ERROR, description="Not the caller's order, or nothing to pay on it."),
            503: OpenApiResponse(ERROR, description="The payment service is unavailable; try again later."),
        },
    )
    def get(self, request, pk, *args, **kwargs):
        order, payment = self.order_and_payment(request, pk)
        if payment.status in SETTLED:
            return self.answer(request, order, payment, None)
        try:
            state, synced_order = facade.sync_payment(payment)
        except (facade.PaymentServiceUnavailable, LookupError):
            return Response({"detail": str(facade.UNAVAILABLE)}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
        order = synced_order or order
        payment.refresh_from_db()
        return self.answer(request, order, payment, state)

    @extend_schema(
        summary="Pay for the order",
        description="Confirms the order's payment on the server with what the client got from the provider: "
        "for Stripe, `payment_method`, a PaymentMethod id made by Stripe's SDK (card numbers never come "
        "here). The shop asks the provider for the outcome.\n\n"
        "- 200 with `status` `succeeded` (or `authorised`): paid; the order becomes `Paid`.\n"
        "- 200 with `status` `requires_action`: the bank wants 3-D Secure; finish it with Stripe's SDK "
        "and `client_secret`, then GET this URL.\n"
        "- 402: declined, with the provider's reason; the order waits for another payment method.\n"
        "- 503: the provider is unreachable; nothing changed, try again.\n\n"
        "Paying an order already paid changes nothing and answers its state.",
        request=PaymentConfirmationSerializer,
        responses={
            200: PaymentSerializer,
            400: OpenApiResponse(description="`payment_method` is not a provider's payment method id."),
            402: OpenApiResponse(ERROR, description="Declined; `detail` is the provider's reason."),
            404: OpenApiResponse(ERROR, description="Not the caller's order, or nothing to pay on it."),
            409: OpenApiResponse(ERROR, description="The payment was cancelled; the order cannot be paid."),
            503: OpenApiResponse(ERROR, description="The payment service is unavailable; try again later."),
        },
    )
    def post(self, request, pk, *args, **kwargs):
        confirmation = self.serializer_class(data=request.data)
        confirmation.is_valid(raise_exception=True)
        order, payment = self.order_and_payment(request, pk)
        if payment.status in (facade.SUCCEEDED, facade.AUTHORISED):
            return self.answer(request, order, payment, None)  # paid already: never charge twice
        if payment.status == facade.CANCELLED:
            return Response(
                {"detail": _("This order's payment was cancelled; it can no longer be paid.")},
                status=status.HTTP_409_CONFLICT,
            )
        token = confirmation.validated_data.get("payment_method", "")
        try:
            if token:
                state, confirmed_order = facade.pay_with_token(payment, token)
            else:  # the explicit completion of what the shopper approved (PayPal), or Dummy's payment
                state, confirmed_order = facade.complete_approved_payment(payment)
        except facade.PaymentDeclined as declined:
            return Response({"detail": str(declined)}, status=status.HTTP_402_PAYMENT_REQUIRED)
        except (facade.PaymentServiceUnavailable, LookupError):
            return Response({"detail": str(facade.UNAVAILABLE)}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
        order = confirmed_order or order
        payment.refresh_from_db()
        return self.answer(request, order, payment, state)
