"""The project-level app (management commands, health checks) and the Django admin's config."""

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PtashkaConfig(AppConfig):
    name = "ptashka"
    label = "ptashka"
    verbose_name = "Ptashka"


class SuperuserAdminConfig(AdminConfig):
    """django.contrib.admin with SuperuserAdminSite as `admin.site`: every app's admin.py registers there."""

    default_site = "ptashka.admin_site.SuperuserAdminSite"
