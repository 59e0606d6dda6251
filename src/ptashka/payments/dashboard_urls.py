"""Dashboard URLs of the payments bridges, mounted under /dashboard/payments/."""

from django.urls import path

from .refunds import refund_view

app_name = "payments-dashboard"

urlpatterns = [
    path("orders/<str:number>/refund/", refund_view, name="refund"),
]
