"""App config of the forked orders dashboard: Oscar's order pages plus refunds, under their own permission."""

import oscar.apps.dashboard.orders.apps as apps
from django.urls import path

# Held by the Shop managers group (granted by ptashka_payments' migration 0003 and the demo roles).
REFUND_PERMISSION = "ptashka_payments.refund_payment"


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "forked_apps.dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        # Staff and the refund permission together: seeing an order is not enough to give money back.
        self.permissions_map["order-refund"] = (["is_staff", REFUND_PERMISSION],)

    def ready(self):
        super().ready()
        # get_class("dashboard.orders.views", …) resolves through the dashboard app, which is Oscar's
        # own, so it would never find this module: ours are named here.
        from .views import OrderDetailView, OrderRefundView

        self.order_detail_view = OrderDetailView
        self.order_refund_view = OrderRefundView

    def get_urls(self):
        refund = path("<str:number>/refund/", self.order_refund_view.as_view(), name="order-refund")
        # Oscar's post_process_urls wraps each route in its permissions_map decorator.
        return super().get_urls() + self.post_process_urls([refund])
