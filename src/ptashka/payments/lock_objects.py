"""Row locks for payment work, always taken in one order: the order first, then its payments."""

from oscar.core.loading import get_model

from .models import CheckoutPayment

Order = get_model("order", "Order")


def order_for_update(number):
    return Order.objects.order_by("pk").select_for_update(of=("self",)).filter(number=number)


def checkout_payments_for_update(order_number):
    return (
        CheckoutPayment.objects.order_by("pk")
        .select_for_update(of=("self",))
        .filter(order_number=order_number)
    )
