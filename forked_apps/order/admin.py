"""Django admin registrations: Oscar's, with order and line statuses left to Oscar's status pipeline."""

from django.contrib import admin
from oscar.apps.order import admin as oscar_admin


class StatusReadOnlyMixin:
    # A status typed in here would skip OSCAR_ORDER_STATUS_PIPELINE, the OrderStatusChange history,
    # and what the payments bridge does on a change (capture on dispatch): the dashboard changes it.
    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "status")


class LineInline(StatusReadOnlyMixin, oscar_admin.LineInline):
    pass


class OrderAdmin(StatusReadOnlyMixin, oscar_admin.OrderAdmin):
    inlines = [LineInline]


class LineAdmin(StatusReadOnlyMixin, oscar_admin.LineAdmin):
    pass


class OrderStatusChangeAdmin(oscar_admin.OrderStatusAdmin):
    # The history of status changes is written by the pipeline, never by hand.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model, model_admin in (
    (oscar_admin.Order, OrderAdmin),
    (oscar_admin.Line, LineAdmin),
    (oscar_admin.OrderStatusChange, OrderStatusChangeAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
