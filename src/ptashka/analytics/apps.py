"""App config of analytics exports: their dashboard pages and who may open them."""

from django.contrib.auth.decorators import user_passes_test
from django.urls import path
from oscar.core.application import OscarDashboardConfig
from oscar.views.decorators import check_permissions

# Held by the Shop managers group (migration 0002, fixtures/roles.json); superusers hold every permission.
DOWNLOAD_EXPORTS = "ptashka_analytics.download_exports"


class AnalyticsExportsConfig(OscarDashboardConfig):
    name = "ptashka.analytics"
    # Oscar already owns the "analytics" label.
    label = "ptashka_analytics"
    namespace = "ptashka_analytics"
    verbose_name = "Analytics exports"

    # Read by the views' decorator below and by Oscar's dashboard menu, which shows the entry to
    # whoever may open it.
    permissions_map = {"export-list": [DOWNLOAD_EXPORTS], "export-download": [DOWNLOAD_EXPORTS]}

    def get_urls(self):
        from . import views

        return self.post_process_urls(
            [
                path("", views.export_list, name="export-list"),
                path("<str:day>/<slug:table>.<slug:fmt>", views.export_download, name="export-download"),
            ]
        )

    def get_url_decorator(self, pattern):
        # Anyone refused, signed in or not, is sent to the dashboard login (Oscar's answers 403).
        permissions = self.get_permissions(pattern.name)
        return user_passes_test(lambda user: check_permissions(user, permissions), login_url=self.login_url)
