"""App config of the audit log: registers the tracked shop models with django-auditlog, serves its page."""

from django.urls import path
from oscar.core.application import OscarDashboardConfig


class AuditConfig(OscarDashboardConfig):
    name = "ptashka.audit"
    # "auditlog" is django-auditlog's own label.
    label = "ptashka_audit"
    namespace = "ptashka_audit"
    verbose_name = "Audit log"

    # Superusers only, since it shows every staff member's actions. Oscar's decorator sends visitors to
    # the dashboard login and refuses signed-in staff with a 403; its dashboard menu reads the same map.
    permissions_map = {"log": ["is_superuser"]}

    def ready(self):
        from .tracked import track_shop_models

        track_shop_models()

    def get_urls(self):
        from . import views

        return self.post_process_urls([path("", views.audit_log, name="log")])
