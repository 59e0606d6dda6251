"""Oscar-api's checkout and order serializers: checkout pays through the gateways; typed for the schema."""

import copy

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_model
from oscarapi.serializers import checkout
from rest_framework import exceptions, serializers, status

from ptashka.payments import facade

ShippingAddress = get_model("order", "ShippingAddress")
UserAddress = get_model("address", "UserAddress")


class PaymentUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "payment_service_unavailable"


class OrderRefused(exceptions.APIException):
    """The order cannot be placed as the basket stands (stock gone); the basket is kept."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "order_refused"


class PaymentSerializer(serializers.Serializer):
    """An order's payment as the provider last reported it."""

    gateway = serializers.CharField(help_text="The payment method's code (see /api/basket/payment-methods/).")
    status = serializers.ChoiceField(
        choices=[
            (facade.REQUIRES_ACTION, "the shopper still has to pay or confirm"),
            (facade.AUTHORISED, "the money is held, to be taken at dispatch"),
            (facade.SUCCEEDED, "paid"),
            (facade.FAILED, "declined; pay again with another payment method"),
            (facade.CANCELLED, "given up; nothing will be charged"),
        ],
        help_text="What the client does next depends on it.",
    )
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="The order total the shop worked out."
    )
    currency = serializers.CharField()
    client_secret = serializers.CharField(
        allow_null=True,
        help_text="Stripe only, while unpaid: the PaymentIntent's client secret, for Stripe's SDK "
        "(3-D Secure, or confirming in the client). Null for other gateways.",
    )
    approval_url = serializers.URLField(
        allow_null=True, help_text="PayPal only: where the shopper approves the payment. Null otherwise."
    )
    decline_reason = serializers.CharField(
        allow_blank=True, help_text="The provider's reason for the last decline, fit to show the shopper."
    )
    confirm_url = serializers.URLField(
        help_text="POST a payment method here to pay (Stripe); GET it for the payment's current state."
    )
    order_status = serializers.CharField(help_text="The order's status: Pending until paid, then Paid.")


def describe_payment(request, order, record, state=None):
    """The payment object of the API: the provider's latest state when known, else the shop's record."""
    return PaymentSerializer(
        {
            "gateway": record.gateway,
            "status": state.status if state else record.status,
            "amount": state.amount if state else record.amount,
            "currency": state.currency if state else record.currency,
            "client_secret": (state.client_secret or None) if state else None,
            "approval_url": (state.approval_url or None) if state else None,
            "decline_reason": state.decline_reason if state else "",
            "confirm_url": request.build_absolute_uri(reverse("api-payment", args=(order.pk,))),
            "order_status": order.status,
        }
    ).data


class OrderSerializer(checkout.OrderSerializer):
    @extend_schema_field(
        serializers.URLField(help_text="The order's payment: GET its state, POST to pay (see /api/docs/).")
    )
    def get_payment_url(self, obj):
        path = reverse("api-payment", args=(obj.pk,))
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    # oscar-api filters order.basket_discounts per order (a query each); these read the
    # discounts the order list prefetches instead.
    @extend_schema_field(checkout.OrderOfferDiscountSerializer(many=True))
    def get_offer_discounts(self, obj):
        found = [d for d in basket_discounts(obj) if d.offer_id is not None and d.voucher_id is None]
        return checkout.OrderOfferDiscountSerializer(found, many=True).data

    @extend_schema_field(checkout.OrderVoucherOfferSerializer(many=True))
    def get_voucher_discounts(self, obj):
        found = [d for d in basket_discounts(obj) if d.voucher_id is not None]
        return checkout.OrderVoucherOfferSerializer(found, many=True).data


def basket_discounts(order):
    return [d for d in order.discounts.all() if d.category == d.BASKET]


class CheckoutOrderSerializer(OrderSerializer):
    """The order just placed, with its payment: what the client does next depends on `payment.status`."""

    payment = serializers.SerializerMethodField()

    class Meta(OrderSerializer.Meta):
        fields = (*OrderSerializer.Meta.fields, "payment")

    @extend_schema_field(PaymentSerializer(allow_null=True))
    def get_payment(self, order):
        started = self.context.get("payment")
        if started is None:  # nothing to pay (a total of zero)
            return None
        return describe_payment(self.context["request"], order, started.record, started.state)


class CheckoutSerializer(checkout.CheckoutSerializer):
    """Place the basket's order and start paying for it through the chosen gateway.

    The total, shipping charge and currency are the shop's own: a `total` or `shipping_charge`
    that differs from them is refused (400); nothing else the client sends about money is read.
    """

    payment_method = serializers.CharField(
        required=False,
        help_text="The code of one of the payment methods GET /api/basket/payment-methods/ lists; "
        "may be left out when only one is offered.",
    )

    # The started payment (None when there is nothing to pay), once the order is placed.
    payment = None
    order_number = None

    def get_initial_order_status(self, basket):
        return facade.PENDING

    def validate(self, attrs):
        attrs = super().validate(attrs)
        offered = {gateway.code: gateway for gateway in facade.offered_gateways(attrs["basket"])}
        code = attrs.pop("payment_method", None)
        if not offered:
            raise serializers.ValidationError(
                {
                    "payment_method": _(
                        "No payment method is offered for this basket, so it cannot be paid for."
                    )
                }
            )
        if code is None and len(offered) == 1:
            attrs["gateway"] = next(iter(offered.values()))
        elif code in offered:
            attrs["gateway"] = offered[code]
        else:
            raise serializers.ValidationError(
                {
                    "payment_method": _("Choose one of the payment methods offered for this basket: %s.")
                    % ", ".join(offered)
                }
            )
        return attrs

    def _shipping_method(self, request, basket, shipping_method_code, shipping_address):
        # oscar-api hands the repository the address as a dict; ours reads an address's country.
        if isinstance(shipping_address, dict):
            shipping_address = ShippingAddress(**shipping_address)
        return super()._shipping_method(request, basket, shipping_method_code, shipping_address)

    def generate_order_number(self, basket):
        # The payment is started for the number before the order exists; the order then takes it.
        if self.order_number is None:
            self.order_number = super().generate_order_number(basket)
        return self.order_number

    def create(self, validated_data):
        basket = validated_data["basket"]
        order_number = self.generate_order_number(basket)
        # Frozen, nobody changes the basket while it is being paid for; it is thawed if that fails.
        basket.freeze()
        try:
            self.payment = facade.start_payment(
                validated_data["gateway"],
                order_number=order_number,
                total=validated_data["order_total"],
                basket_id=basket.id,
            )
        except facade.UnableToTakePayment as unavailable:
            basket.thaw()
            raise PaymentUnavailable(str(unavailable)) from unavailable

        def place():
            order = super(CheckoutSerializer, self).create(validated_data)
            basket.submit()
            self.send_order_placed_email(order)
            return order

        try:
            return facade.place_and_pay(self.payment, place)
        except UnableToPlaceOrder as refused:
            basket.thaw()
            raise OrderRefused(str(refused)) from refused
        except exceptions.NotAcceptable as refused:  # oscar-api's answer to Oscar's own ValueErrors
            facade.give_up_payment(self.payment)
            basket.thaw()
            raise OrderRefused(refused.detail) from refused


class UserAddressSerializer(checkout.UserAddressSerializer):
    """A shopper's address book entry; the same address twice is a 400 in words, not PostgreSQL's."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        # The address as it would be saved: the stored one with this request's changes.
        candidate = copy.copy(self.instance) if self.instance is not None else UserAddress()
        for name, value in attrs.items():
            setattr(candidate, name, value)
        user = self.context["request"].user
        same = UserAddress.objects.filter(user=user, hash=candidate.generate_hash())
        if self.instance is not None:
            same = same.exclude(pk=self.instance.pk)
        if same.exists():
            raise serializers.ValidationError(self.duplicate_message())
        return attrs

    def create(self, validated_data):
        return self.saved_once(super().create, validated_data)

    def update(self, instance, validated_data):
        return self.saved_once(super().update, instance, validated_data)

    def saved_once(self, save, *args):
        # Two requests with the same address at once both pass validate(); the second insert breaks
        # the (user, hash) unique key. A savepoint keeps the request's transaction usable after it.
        try:
            with transaction.atomic():
                return save(*args)
        except exceptions.NotAcceptable:  # oscar-api's answer to the IntegrityError, with its text
            raise serializers.ValidationError(self.duplicate_message()) from None
        except IntegrityError:
            raise serializers.ValidationError(self.duplicate_message()) from None

    def duplicate_message(self):
        return _("You already have this address in your address book.")
