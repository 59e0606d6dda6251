"""Django admin: the outbox, so a superuser can see what was sent and what failed."""

from django.contrib import admin

from .models import BasketReminder, OutgoingEmail, OutgoingSMS, Unsubscription


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["recipient", "subject", "business_key"]


@admin.register(OutgoingSMS)
class OutgoingSMSAdmin(admin.ModelAdmin):
    list_display = ["phone_number", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]


admin.site.register(BasketReminder)
admin.site.register(Unsubscription)
