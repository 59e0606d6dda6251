"""App config of the forked checkout app; Oscar's get_class/get_model find our modules through it."""

import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "forked_apps.checkout"

    def ready(self):
        super().ready()
        self.pay_view = get_class("checkout.views", "PayView")
        self.payment_cancelled_view = get_class("checkout.views", "PaymentCancelledView")
        self.payment_return_view = get_class("checkout.views", "PaymentReturnView")

    def get_urls(self):
        # Oscar's own URLs come back already post-processed; only ours still need it.
        return super().get_urls() + self.post_process_urls(
            [
                path("pay/", self.pay_view.as_view(), name="pay"),
                path("pay/cancelled/", self.payment_cancelled_view.as_view(), name="payment-cancelled"),
                path("payment-return/", self.payment_return_view.as_view(), name="payment-return"),
            ]
        )
