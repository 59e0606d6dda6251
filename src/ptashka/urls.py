"""URL map: Oscar's storefront and dashboard, the API, Wagtail admin, and Wagtail's pages last."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from ptashka import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("oscarapi.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Oscar: /catalogue/, /basket/, /checkout/, /accounts/, /search/, /dashboard/, /offers/ ...
    path("", include(apps.get_app_config("oscar").urls[0])),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving is the catch-all, so it comes last: "/" is Wagtail's home page.
urlpatterns += [path("", include(wagtail_urls))]
