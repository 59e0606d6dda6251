"""The dashboard's customer list: looking needs auth.view_user, (de)activating customers change_user."""

from django.core.exceptions import PermissionDenied
from oscar.apps.dashboard.users import views
from oscar.core.compat import get_user_model

User = get_user_model()


class IndexView(views.IndexView):
    def post(self, request, *args, **kwargs):
        # Oscar gates the list on view_user alone, yet its bulk actions (make_active, make_inactive)
        # change accounts: a read-only role must not reach them.
        if not request.user.has_perm(f"{User._meta.app_label}.change_user"):
            raise PermissionDenied("Changing customers needs the change_user permission.")
        return super().post(request, *args, **kwargs)
