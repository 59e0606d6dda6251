"""App config of the forked dashboard users app; only the customer list's view is ours."""

import oscar.apps.dashboard.users.apps as apps


class UsersDashboardConfig(apps.UsersDashboardConfig):
    name = "forked_apps.dashboard.users"

    def ready(self):
        super().ready()
        # get_class("dashboard.users.views", …) resolves through the dashboard app, which is Oscar's
        # own, so it would never find this module: ours is named here.
        from .views import IndexView

        self.index_view = IndexView
