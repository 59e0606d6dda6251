"""Dashboard URLs of analytics exports, mounted under /dashboard/analytics-exports/."""

from django.urls import path

from . import views

app_name = "ptashka_analytics"

urlpatterns = [
    path("", views.export_list, name="export-list"),
    path("<str:day>/<slug:table>.<slug:fmt>", views.export_download, name="export-download"),
]
