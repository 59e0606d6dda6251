"""Webhook URLs of the payment providers (Stripe, PayPal), mounted under /payments/."""

from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("stripe/webhook/", views.stripe_webhook, name="stripe-webhook"),
    path("paypal/webhook/", views.paypal_webhook, name="paypal-webhook"),
]
