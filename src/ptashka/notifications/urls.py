"""URLs of notifications: the unsubscribe link of basket reminders."""

from django.urls import path

from . import views

app_name = "ptashka_notifications"

urlpatterns = [
    path("<str:token>/", views.unsubscribe, name="unsubscribe"),
]
