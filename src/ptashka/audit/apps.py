"""App config of the audit log: registers the tracked shop models with django-auditlog."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ptashka.audit"
    # "auditlog" is django-auditlog's own label.
    label = "ptashka_audit"
    verbose_name = "Audit log"

    def ready(self):
        from .tracked import track_shop_models

        track_shop_models()
