"""Django admin: read-only views of provider payments, webhook events and refunds, for support."""

from django.contrib import admin

from .models import CheckoutPayment, PaymentRefund, ProviderEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    # These rows mirror the provider; changing them by hand would make them lie.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CheckoutPayment)
class CheckoutPaymentAdmin(ReadOnlyAdmin):
    list_display = ["order_number", "gateway", "reference", "amount", "currency", "status", "created_at"]
    list_filter = ["gateway", "status"]
    search_fields = ["order_number", "reference"]


@admin.register(ProviderEvent)
class ProviderEventAdmin(ReadOnlyAdmin):
    list_display = ["event_id", "gateway", "kind", "payment_reference", "received_at"]
    list_filter = ["gateway", "kind"]
    search_fields = ["event_id", "payment_reference"]


@admin.register(PaymentRefund)
class PaymentRefundAdmin(ReadOnlyAdmin):
    list_display = ["payment", "amount", "provider_reference", "requested_by", "created_at"]
    search_fields = ["provider_reference", "payment__order_number"]
