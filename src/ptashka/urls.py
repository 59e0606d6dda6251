"""URL map: Oscar's storefront and dashboard, the API, Wagtail admin, and Wagtail's pages last."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import search as cms_search
from cms import sitemaps as cms_sitemaps
from ptashka import health
from ptashka.api import errors as api_errors
from ptashka.page_cache import views as page_cache_views
from ptashka.security import reports as csp_reports

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Browsers post Content-Security-Policy violations here (CSP_REPORT_URL); each is logged.
    path("csp-report/", csp_reports.csp_report, name="csp-report"),
    # A visitor's own basket total, name, CSRF token and messages, for pages that came from a cache.
    path("visitor/", page_cache_views.visitor, name="visitor"),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Ours first (JWT auth, password reset), then oscar-api: /api/auth/..., /api/basket/, ...
    path("api/", include("ptashka.api.urls")),
    path("api/", include("oscarapi.urls")),
    # Anything else under /api/ is a JSON 404 (without the slash, CommonMiddleware redirects here).
    re_path(r"^api/[\s\S]*/$", api_errors.not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    # Our dashboard pages, guarded by their app configs' permissions_map like Oscar's own.
    path("dashboard/analytics-exports/", apps.get_app_config("ptashka_analytics").urls),
    path("dashboard/audit/", apps.get_app_config("ptashka_audit").urls),
    path("reminders/unsubscribe/", include("ptashka.notifications.urls")),
    # Payment provider webhooks: /payments/stripe/webhook/
    path("payments/", include("ptashka.payments.urls")),
    # One search box for products and pages; before Oscar's, whose URL name search:search stays for reverse().
    path("search/suggest/", cms_search.suggest, name="search-suggest"),
    path("search/", cms_search.SearchView.as_view(), name="site-search"),
    path("sitemap.xml", cms_sitemaps.sitemap_xml, name="sitemap"),
    path("robots.txt", cms_sitemaps.robots_txt, name="robots-txt"),
    # Oscar: /catalogue/, /basket/, /checkout/, /accounts/, /search/, /dashboard/, /offers/ ...
    path("", include(apps.get_app_config("oscar").urls[0])),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving is the catch-all, so it comes last: "/" is Wagtail's home page.
urlpatterns += [path("", include(wagtail_urls))]
