"""The project-level app (management commands, health checks) and the Django admin's config."""

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PtashkaConfig(AppConfig):
    name = "ptashka"
    label = "ptashka"
    verbose_name = "Ptashka"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from . import public_url  # also registers the SHOP_BASE_URL checks
        from .observability import init_sentry

        # Here, not in settings: prod.py's SENTRY_ENVIRONMENT is only known once every settings module ran.
        init_sentry()

        # After Wagtail's migrations (the last of the two Site tables): both rows follow SHOP_BASE_URL.
        post_migrate.connect(
            public_url.sync_sites_with_shop_url,
            sender=apps.get_app_config("wagtailcore"),
            dispatch_uid="ptashka-sync-sites-with-shop-url",
        )


class SuperuserAdminConfig(AdminConfig):
    """django.contrib.admin with SuperuserAdminSite as `admin.site`: every app's admin.py registers there."""

    default_site = "ptashka.admin_site.SuperuserAdminSite"
