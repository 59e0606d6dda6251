"""Dashboard URL of the audit log, mounted under /dashboard/audit/."""

from django.urls import path

from . import views

app_name = "ptashka_audit"

urlpatterns = [
    path("", views.audit_log, name="log"),
]
