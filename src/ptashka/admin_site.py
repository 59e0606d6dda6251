"""The Django admin at /django-admin/, for superusers only: staff work in Oscar's dashboard and /cms/."""

from django.contrib import admin


class SuperuserAdminSite(admin.AdminSite):
    # Django lets in any is_staff user, and shop managers are staff for Oscar's dashboard: here they
    # could edit rows past Oscar's order pipeline and the dashboard's permissions.
    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser
