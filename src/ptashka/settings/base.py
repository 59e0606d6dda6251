"""Settings shared by every run mode; the mode itself is chosen by environment variables only.

One section per subsystem, in this order: the shop (what a merchant sets), Django, sign-in, data,
Redis, Celery, files, email, SMS, Oscar, Wagtail, the API, payments, notifications, browser security
headers, observability. Each value a deployment may change comes from the environment, with the
embedded default's value as its default.
"""

import base64
import hashlib
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp import constants as csp
from django.conf import global_settings
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  Oscar's OSCAR_* defaults, overridden below

# --- paths and the environment ----------------------------------------------------------------

# src/ptashka/settings/base.py -> the repository root
BASE_DIR = Path(__file__).resolve().parents[3]
PROJECT_DIR = BASE_DIR / "src" / "ptashka"
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A .env file at the root is read if present (DJANGO_READ_DOT_ENV_FILE=False turns that off);
# real deployments set the process environment, which always wins.
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=True):
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- the shop: what a merchant sets -------------------------------------------------------------

# The shop's name in page titles, emails and the Wagtail admin.
OSCAR_SHOP_NAME = env.str("SHOP_NAME", default="Ptashka")
# Where shoppers reach the shop: the one source for links in emails (password reset, order status,
# basket reminders), the Site rows, the sitemap and canonical URLs (ptashka.public_url checks it and
# keeps the Site rows in step after every migrate). https in production.
SHOP_BASE_URL = env.str("SHOP_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The currency baskets and orders are priced in (an ISO 4217 code).
OSCAR_DEFAULT_CURRENCY = env.str("SHOP_CURRENCY", default="EUR")
# The shop's local time: the day an analytics export covers, dates shown to staff and shoppers.
TIME_ZONE = env.str("SHOP_TIME_ZONE", default="Europe/Kyiv")
# The languages the storefront offers, as Django language codes; the first is the default.
_language_names = {**dict(global_settings.LANGUAGES), "en-gb": "English"}
LANGUAGES = [(code, _(_language_names[code])) for code in env.list("SHOP_LANGUAGES", default=["en-gb", "uk"])]
LANGUAGE_CODE = LANGUAGES[0][0]
USE_I18N = True
USE_TZ = True
# Dates as the live order script writes them too ("2 Dec 2026, 01:07"): ptashka/formats/.
FORMAT_MODULE_PATH = ["ptashka.formats"]

# --- Django: hosts, applications, requests ------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Oscar's app list with our forks (and the Django admin's config) swapped in, each in its app's place.
OSCAR_FORKS = {
    # Browses the catalogue from the database (Oscar's catalogue app serves the search app's browse views).
    "oscar.apps.search.apps.SearchConfig": "forked_apps.search.apps.SearchConfig",
    # The product page fetches what its template reads in a fixed number of queries (not a fork).
    "oscar.apps.catalogue.apps.CatalogueConfig": "forked_apps.catalogue.apps.CatalogueConfig",
    # A review's thank-you says when a review waiting for moderation will show (not a fork: no migrations).
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig": (
        "forked_apps.catalogue.reviews.apps.CatalogueReviewsConfig"
    ),
    "oscar.apps.partner.apps.PartnerConfig": "forked_apps.partner.apps.PartnerConfig",
    "oscar.apps.checkout.apps.CheckoutConfig": "forked_apps.checkout.apps.CheckoutConfig",
    "oscar.apps.order.apps.OrderConfig": "forked_apps.order.apps.OrderConfig",
    "oscar.apps.shipping.apps.ShippingConfig": "forked_apps.shipping.apps.ShippingConfig",
    # Loads basket lines with what pricing reads, so a basket costs the same queries for any size.
    "oscar.apps.basket.apps.BasketConfig": "forked_apps.basket.apps.BasketConfig",
    # Asks each offer's range once per request which basket products it holds, not once per line.
    "oscar.apps.offer.apps.OfferConfig": "forked_apps.offer.apps.OfferConfig",
    # Queues every email for the Celery worker instead of sending it inside the request.
    "oscar.apps.communication.apps.CommunicationConfig": "forked_apps.communication.apps.CommunicationConfig",
    # Counters that concurrent requests can create at once (Oscar's broke the request's transaction).
    "oscar.apps.analytics.apps.AnalyticsConfig": "forked_apps.analytics.apps.AnalyticsConfig",
    # Oscar's root config mounts a "" redirect to the catalogue; ours leaves "/" to Wagtail.
    "oscar.config.Shop": "ptashka.shop.PtashkaShopConfig",
    # Registration answers the same whether or not the address has an account.
    "oscar.apps.customer.apps.CustomerConfig": "forked_apps.customer.apps.CustomerConfig",
    # The Django admin's site lets in superusers only, not every is_staff shop manager.
    "django.contrib.admin": "ptashka.apps.SuperuserAdminConfig",
    # Bulk-(de)activating customers needs auth.change_user, not only the view_user the list needs.
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig": (
        "forked_apps.dashboard.users.apps.UsersDashboardConfig"
    ),
    # Refunds on the order page, behind their own permission (ptashka_payments.refund_payment).
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig": (
        "forked_apps.dashboard.orders.apps.OrdersDashboardConfig"
    ),
}


def _oscar_apps():
    from oscar import INSTALLED_APPS as OSCAR_APPS

    return [OSCAR_FORKS.get(app, app) for app in OSCAR_APPS]


INSTALLED_APPS = [
    *_oscar_apps(),
    "sorl.thumbnail",  # Oscar's product templates need a thumbnailer
    # Wagtail
    "cms.apps.CmsConfig",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    # headless API
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "oscarapi",
    # infrastructure
    "channels",
    "storages",
    "ptashka.apps.PtashkaConfig",
    # the full-page cache for anonymous shoppers (see "page cache")
    "ptashka.page_cache.apps.PageCacheConfig",
    # background work
    "ptashka.background.apps.BackgroundConfig",
    "ptashka.notifications.apps.NotificationsConfig",
    "ptashka.analytics.apps.AnalyticsExportsConfig",
    # payments
    "ptashka.payments.apps.PaymentsConfig",
    # live order tracking (WebSockets)
    "ptashka.realtime.apps.RealtimeConfig",
    # the staff audit log (django-auditlog; read at /dashboard/audit/, see "Oscar")
    "auditlog",
    "ptashka.audit.apps.AuditConfig",
    # sign-in lockout after repeated failures (see "sign-in")
    "axes",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers anonymous visitors' cached pages before sessions, auth and locale run (see "page cache").
    "ptashka.page_cache.middleware.PageCacheMiddleware",
    # Browser security headers (see "browser security headers"): CSP with a nonce, Permissions-Policy,
    # no-store on basket/checkout/account pages, SameSite/Secure on Oscar's cookies.
    "ptashka.security.content_policy.AreaContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "ptashka.security.headers.NoStoreMiddleware",
    "ptashka.security.cookies.OscarCookieFlagsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL in the path or query string is a 400 before any view passes it to PostgreSQL.
    "ptashka.nul_characters.RefuseNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: stamps audit log entries with the signed-in user and address.
    "ptashka.audit.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Sign-in, password reset, basket, voucher and checkout forms: 429 past the API_RATE_LIMIT_* budgets.
    "ptashka.rate_limits.StorefrontRateLimitMiddleware",
    # The one basket middleware: Oscar's for the storefront, oscar-api's session basket for /api/.
    "ptashka.api.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ptashka.urls"
WSGI_APPLICATION = "ptashka.wsgi.application"
ASGI_APPLICATION = "ptashka.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                # Oscar's, but not in Wagtail's admin, whose headers would render it.
                "forked_apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # Oscar's category_tree tag from one query per request, not two plus a cache GET per link.
            # Replacing Oscar's library under its own name is the point (templates.W003, silenced below).
            "libraries": {"category_tags": "ptashka.templatetags.category_tags"},
        },
    },
]

# Django sets 1000 by default; Wagtail's editor of a long StreamField page can post more.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- sign-in and lockout (django-axes) ----------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Oscar's sign-in by email, running the hasher for unknown addresses too.
    "ptashka.sign_in.backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_REDIRECT_URL = "/"

# Every sign-in (/accounts/login/, /dashboard/login/, /cms/login/, /django-admin/login/,
# /api/auth/token/, /api/login/) goes through authenticate(), where axes' backend refuses a
# locked-out client before any password is checked. Failures count per account, from whatever
# address, and per address, for whatever account: AXES_FAILURE_LIMIT of them within the cool-off
# lock that account or address for AXES_COOLOFF_MINUTES, the right password included. The
# API_RATE_LIMIT_* budgets ("the API") stay the first line. Unlock: delete the attempt in
# /django-admin/axes/accessattempt/, or `manage.py axes_reset_username <email>` / `axes_reset_ip <ip>`.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
# One account whatever the case or spaces its email address is typed with.
AXES_USERNAME_CALLABLE = "ptashka.sign_in.lockout.account_key"
# The address the rate limits use: X-Forwarded-For believed only from API_NUM_PROXIES proxies.
AXES_CLIENT_IP_CALLABLE = "ptashka.sign_in.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "ptashka.sign_in.lockout.lockout_response"
# Attempts live in the database: a lockout survives restarts and does not need Redis.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Off: signing in to one's own account would wipe the failures its address made against others.
# Failures expire with the cool-off instead.
AXES_RESET_ON_SUCCESS = False

# --- data (PostgreSQL, or SQLite for the embedded default) --------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'ptashka.sqlite3'}"),
}
if not env.str("DATABASE_URL", default=""):
    # The embedded default keeps its SQLite file under var/, which a fresh clone does not have.
    VAR_DIR.mkdir(exist_ok=True)
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# --- Redis: cache, sessions, channel layer ------------------------------------------------------

# Redis is an accelerator. The cache (ptashka.cache.FailOpenRedisCache) answers as a miss within
# REDIS_CACHE_CONNECT_TIMEOUT / REDIS_CACHE_TIMEOUT seconds and then leaves Redis alone for
# REDIS_CACHE_OUTAGE_RETRY_SECONDS, so pages, baskets, sessions (cached_db) and the rate limits run
# from the database; /readyz still reports "cache" down. Without REDIS_URL, all three stay in process.
REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "ptashka.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ptashka",
            "TIMEOUT": 300,
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_CACHE_CONNECT_TIMEOUT", default=0.25),
                "socket_timeout": env.float("REDIS_CACHE_TIMEOUT", default=0.5),
            },
            "OUTAGE_RETRY_SECONDS": env.float("REDIS_CACHE_OUTAGE_RETRY_SECONDS", default=5),
        }
    }
    # cached_db: reads come from Redis, and a Redis restart does not log everybody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Celery: broker, queues, retries, schedule --------------------------------------------------

# Without a broker, tasks run in the calling process: the embedded default needs no worker. (With a
# host: for a bare memory:// kombu logs "No hostname was supplied" at every connection.)
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://localhost/")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = not (REDIS_URL or env.str("CELERY_BROKER_URL", default=""))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# When the broker is down: a request hands tasks to the broker once (ptashka.background.handover),
# bounded by this timeout, and what it could not hand over waits in the outbox for
# requeue_unsent_messages.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=1.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Seconds before a task a lost worker held unacknowledged is handed to another worker.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    # Every CELERY_UNACKED_RESTORE_INTERVAL seconds a worker hands back tasks a lost worker held for
    # longer than the visibility timeout; kombu's default throttling would make that ~100 s.
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": 1,
    # kombu would otherwise retry connecting for the whole connection timeout, 2 s apart.
    "max_retries": 0,
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
}
# One queue per kind of work, so a slow export never holds up an order confirmation.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "ptashka.notifications.tasks.*": {"queue": "emails"},
    "ptashka.analytics.tasks.*": {"queue": "exports"},
    "ptashka.payments.*": {"queue": "payments"},
}
# Transient email/SMS/storage failures: retried after ~base, 2×base, 4×base… seconds, jittered.
CELERY_RETRY_BACKOFF_SECONDS = env.int("CELERY_RETRY_BACKOFF_SECONDS", default=30)
CELERY_DELIVERY_MAX_RETRIES = env.int("CELERY_DELIVERY_MAX_RETRIES", default=6)
CELERY_TIMEZONE = "UTC"
# Times are UTC (CELERY_TIMEZONE); the export runs after midnight in Kyiv, for the day that ended.
CELERY_BEAT_SCHEDULE = {
    "requeue-unsent-messages": {
        "task": "ptashka.notifications.tasks.requeue_unsent_messages",
        "schedule": crontab(minute="*/15"),
    },
    "remind-abandoned-baskets": {
        "task": "ptashka.notifications.tasks.remind_abandoned_baskets",
        "schedule": crontab(minute="*/30"),
    },
    "send-low-stock-digest": {
        "task": "ptashka.notifications.tasks.send_low_stock_digest",
        "schedule": crontab(hour=6, minute=0),
    },
    "export-analytics-nightly": {
        "task": "ptashka.analytics.tasks.export_yesterday",
        "schedule": crontab(hour=1, minute=30),
    },
    # Campaign pages and announcement bars go live and expire within a minute of their schedule.
    "publish-scheduled-content": {
        "task": "cms.tasks.publish_scheduled",
        "schedule": crontab(minute="*"),
    },
    # Asks the providers about payments no webhook has settled, and expires unpaid ones.
    "reconcile-payments": {
        "task": "ptashka.payments.tasks.reconcile_payments",
        "schedule": crontab(minute="*/15"),
    },
}

# --- files: static, media (local or S3), analytics exports -----------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Analytics exports hold revenue figures: kept out of the public media URL, downloaded through
# the dashboard. On S3 they go to the media bucket under exports/, private.
ANALYTICS_EXPORT_ROOT = Path(env.str("ANALYTICS_EXPORT_ROOT", default=str(VAR_DIR / "exports")))

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    # Credentials come from the standard AWS variables or the instance role, never from here.
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "max-age=86400"}
    DEFAULT_FILE_STORAGE_BACKEND = "storages.backends.s3.S3Storage"
    _exports_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": "exports", "file_overwrite": True, "default_acl": "private"},
    }
else:
    DEFAULT_FILE_STORAGE_BACKEND = "django.core.files.storage.FileSystemStorage"
    _exports_storage = {
        "BACKEND": "ptashka.analytics.storage.ReplacingFileSystemStorage",
        "OPTIONS": {"location": ANALYTICS_EXPORT_ROOT},
    }

STORAGES = {
    "default": {"BACKEND": DEFAULT_FILE_STORAGE_BACKEND},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "exports": _exports_storage,
}

# --- email (SMTP or console by EMAIL_URL; SendGrid through django-anymail) -------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Ptashka <shop@ptashka.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10
# SendGrid through django-anymail when its key is set; otherwise EMAIL_URL (console by default).
SENDGRID_API_KEY = env.str("SENDGRID_API_KEY", default="")
if SENDGRID_API_KEY:
    EMAIL_BACKEND = "anymail.backends.sendgrid.EmailBackend"
    ANYMAIL = {"SENDGRID_API_KEY": SENDGRID_API_KEY, "REQUESTS_TIMEOUT": (5, EMAIL_TIMEOUT)}

# --- SMS (Twilio) -------------------------------------------------------------------------------

# SMS on dispatch through Twilio, only when all three are set and the order has a phone number.
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM_NUMBER = env.str("TWILIO_FROM_NUMBER", default="")
# Empty for Twilio itself; a local stand-in (the tests' fake) is e.g. http://127.0.0.1:8440.
TWILIO_API_URL = env.str("TWILIO_API_URL", default="")
TWILIO_TIMEOUT_SECONDS = 10

# --- Oscar: storefront, order statuses, dashboard, catalogue search -----------------------------

# The shop's name and currency are in "the shop" above.
OSCAR_SHOP_TAGLINE = _("Ukrainian gifts & homeware")
OSCAR_HOMEPAGE = "/"
# Oscar's email templates write OSCAR_URL_SCHEMA://<Site domain><path>.
OSCAR_URL_SCHEMA = SHOP_BASE_URL.partition("://")[0]
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_PRODUCTS_PER_PAGE = 12
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
# A thumbnail's record never changes: found once, a worker keeps it instead of a cache GET per image.
THUMBNAIL_KVSTORE = "ptashka.thumbnail_store.ProcessCachedKVStore"
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
# Anyone may review a product (Oscar's default), but every review waits for a shop manager to approve it
# in the dashboard (/dashboard/reviews/) before shoppers see it.
OSCAR_ALLOW_ANON_REVIEWS = True
OSCAR_MODERATE_REVIEWS = True
# Oscar would check product alerts inside the request that saves stock; a task does it instead
# (ptashka.notifications.alerts).
OSCAR_EAGER_ALERTS = False

# An order's statuses and the moves between them; payments and the dashboard move orders along these.
OSCAR_INITIAL_ORDER_STATUS = "Pending"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Pending": ("Paid", "Authorised", "Cancelled"),
    "Authorised": ("Paid", "Being processed", "Cancelled"),
    "Paid": ("Being processed", "Cancelled", "Refunded"),
    "Being processed": ("Dispatched", "Cancelled", "Refunded"),
    "Dispatched": ("Complete", "Refunded"),
    "Complete": ("Refunded",),
    "Cancelled": (),
    "Refunded": (),
}

# Without an access_fn, Oscar shows an entry to whoever its view's app config (permissions_map) lets in.
OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,  # noqa: F405  from oscar.defaults
    # Shop managers (ptashka_analytics.download_exports) and superusers.
    {
        "label": _("Analytics exports"),
        "icon": "fas fa-file-csv",
        "url_name": "ptashka_analytics:export-list",
    },
    # django-auditlog records who changed prices, stock, offers, vouchers, orders, refunds and accounts
    # (ptashka.audit.tracked); Wagtail logs pages itself. Superusers read both at /dashboard/audit/.
    {
        "label": _("Audit log"),
        "icon": "fas fa-history",
        "url_name": "ptashka_audit:log",
    },
]

# Oscar 4.2 browses and searches the catalogue through haystack; the simple backend needs no
# search server (it scans the catalogue), which is enough for the embedded default.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
# The simple backend keeps no index, so there is nothing to update when a product is saved.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# --- Wagtail: content, admin, background tasks --------------------------------------------------

WAGTAIL_SITE_NAME = OSCAR_SHOP_NAME
WAGTAILADMIN_BASE_URL = SHOP_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_I18N_ENABLED = False
# Wagtail's admin login lives under /cms/; Oscar's storefront login stays at /accounts/login/.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# An uploaded file the image library cannot read is a form error, not a 500 (cms/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.image_forms.ShopImageForm"
# Wagtail's admin would load avatars from gravatar.com and poll releases.wagtail.org: neither is wanted
# (staff e-mail hashes to a third party) nor allowed by the CSP.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Wagtail 8 runs background work through django-tasks; in-process unless configured.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- the API: REST framework, oscar-api, JWT, rate limits, OpenAPI ------------------------------

# Attempts per client (user, or IP address when anonymous) for each kind of write; Django's
# cache holds the counters (Redis with REDIS_URL). Format "<number>/<second|minute|hour|day>".
API_RATE_LIMITS = {
    "login": env.str("API_RATE_LIMIT_LOGIN", default="10/minute"),
    "token": env.str("API_RATE_LIMIT_TOKEN", default="30/minute"),
    "password_reset": env.str("API_RATE_LIMIT_PASSWORD_RESET", default="5/hour"),
    "basket": env.str("API_RATE_LIMIT_BASKET", default="120/minute"),
    "voucher": env.str("API_RATE_LIMIT_VOUCHER", default="10/minute"),
    "checkout": env.str("API_RATE_LIMIT_CHECKOUT", default="20/minute"),
    "register": env.str("API_RATE_LIMIT_REGISTER", default="5/hour"),
}

REST_FRAMEWORK = {
    # A bearer token first (apps, headless front ends), so an anonymous API call answers 401 with
    # WWW-Authenticate; the storefront's session cookie keeps working (with CSRF) after it.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_SCHEMA_CLASS": "ptashka.api.schema.ShopAutoSchema",
    # 409 instead of a 500 for deleting what other objects still use.
    "EXCEPTION_HANDLER": "ptashka.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {**API_RATE_LIMITS},
    # Clients are told apart by address. X-Forwarded-For is believed only from this many proxies in
    # front of the app (1 behind nginx); with 0 a client could forge it to dodge the limits.
    "NUM_PROXIES": env.int("API_NUM_PROXIES", default=0),
    # JSON bodies nested deeper than any API body needs answer 400 (Python's parser gave up with a 500).
    "DEFAULT_PARSER_CLASSES": [
        "ptashka.api.parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Every list endpoint answers pages: {count, next, previous, results}, ?page=N&page_size=M (at most 100).
    "DEFAULT_PAGINATION_CLASS": "ptashka.api.pagination.ShopPagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=20),
}

# Oscar-api views we extend (rate limits) live in ptashka.api, mirroring oscarapi's modules.
OSCARAPI_OVERRIDE_MODULES = ["ptashka.api"]
OSCARAPI_BLOCK_ADMIN_API_ACCESS = False

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_TOKEN_MINUTES", default=5)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_TOKEN_DAYS", default=7)),
    # Every refresh hands out a new refresh token and blacklists the old one, so a stolen
    # refresh token stops working as soon as either party uses it.
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    # A password change makes every token issued before it invalid.
    "CHECK_REVOKE_TOKEN": True,
}

# The OpenAPI contract at /api/schema/ and Swagger UI at /api/docs/, its files served by us (no CDN).
SPECTACULAR_SETTINGS = {
    "TITLE": "Ptashka API",
    "DESCRIPTION": "The shop's headless API: catalogue, basket, checkout, orders and accounts "
    "(django-oscar-api), JWT sign-in, and the content API at /api/cms/.\n\n"
    "**Buying, step by step** (guests keep the session cookie; signed-in clients send "
    "`Authorization: Bearer <access>` from `POST /api/auth/token/`): "
    "`GET /api/products/` → `POST /api/basket/add-product/` → `GET /api/basket/` (its `url`) → "
    "`GET /api/basket/shipping-methods/` → `GET /api/basket/payment-methods/` → "
    "`POST /api/checkout/` → pay at the order's `payment.confirm_url` (nothing to do for `dummy`) → "
    "`GET` the order's `url` until its `status` is `Paid`. "
    "`examples/headless_checkout.py` in the repository does exactly this.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/",
    # Django's <int:…> matches digits only: a negative id is another route's URL, not this one's.
    "PATH_CONVERTER_OVERRIDES": {"int": {"type": "integer", "minimum": 0}},
    "PREPROCESSING_HOOKS": [
        "drf_spectacular.hooks.preprocess_exclude_path_format",
        "ptashka.api.schema.only_the_shop_api",
    ],
}

# --- payments (Stripe, PayPal, the test-only Dummy gateway) -------------------------------------

# The gateway classes the shop knows, in the order shoppers see them. Each says itself whether it
# is configured: Stripe and PayPal when their keys are set, the test-only Dummy when
# PAYMENTS_DUMMY_GATEWAY is on.
PAYMENT_GATEWAYS = [
    "ptashka.payments.stripe_gateway.StripeGateway",
    "ptashka.payments.paypal_gateway.PayPalGateway",
    "ptashka.payments.dummy.DummyGateway",
]
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# Empty for Stripe itself; a local localstripe is e.g. http://127.0.0.1:8420.
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
# localstripe serves its Stripe.js stand-in from its own address.
STRIPE_JS_URL = env.str(
    "STRIPE_JS_URL",
    default=f"{STRIPE_API_BASE}/js.stripe.com/v3/" if STRIPE_API_BASE else "https://js.stripe.com/v3/",
)
# PayPal (Orders v2) is offered when the REST app's client id and secret are set.
PAYPAL_CLIENT_ID = env.str("PAYPAL_CLIENT_ID", default="")
PAYPAL_CLIENT_SECRET = env.str("PAYPAL_CLIENT_SECRET", default="")
# The id PayPal gave the webhook pointing at /payments/paypal/webhook/; needed to verify deliveries.
PAYPAL_WEBHOOK_ID = env.str("PAYPAL_WEBHOOK_ID", default="")
# "sandbox" or "live": which PayPal the SDK talks to.
PAYPAL_ENVIRONMENT = env.str("PAYPAL_ENVIRONMENT", default="sandbox")
# Empty for PayPal itself; a local stand-in (the tests' fake) is e.g. http://127.0.0.1:8430.
PAYPAL_API_BASE = env.str("PAYPAL_API_BASE", default="")
# Offer the test-only Dummy gateway, which places Paid orders without taking money. Off unless a
# settings module (dev, test) or the environment turns it on; `check --deploy` warns when it is on.
PAYMENTS_DUMMY_GATEWAY = env.bool("PAYMENTS_DUMMY_GATEWAY", default=False)
# "automatic": charge when the shopper pays; "at_dispatch": authorise at order, capture when dispatched.
PAYMENTS_CAPTURE = env.str("PAYMENTS_CAPTURE", default="automatic")
# Unpaid payments older than this are cancelled by reconciliation and their stock released.
PAYMENTS_UNPAID_EXPIRY_MINUTES = env.int("PAYMENTS_UNPAID_EXPIRY_MINUTES", default=60)
PAYMENTS_PROVIDER_TIMEOUT_SECONDS = env.float("PAYMENTS_PROVIDER_TIMEOUT_SECONDS", default=10.0)
PAYMENTS_PROVIDER_RETRIES = env.int("PAYMENTS_PROVIDER_RETRIES", default=2)
# Webhooks signed longer ago than this are refused as stale (replays).
PAYMENTS_WEBHOOK_TOLERANCE_SECONDS = 300

# --- notifications (emails and SMS to shoppers and shop managers) --------------------------------

# Shop-manager emails (new orders, low stock); empty means every active staff member.
SHOP_MANAGER_EMAILS = env.list("SHOP_MANAGER_EMAILS", default=[])
# Used for stock records without their own low_stock_threshold.
LOW_STOCK_THRESHOLD = env.int("LOW_STOCK_THRESHOLD", default=5)
ORDER_DISPATCHED_STATUS = env.str("ORDER_DISPATCHED_STATUS", default="Dispatched")
# Statuses customers get no email for: money only held says nothing the order confirmation did not.
# Paid is emailed as "payment received" (ORDER_PAID): card and PayPal buyers pay after the confirmation.
ORDER_STATUSES_NOT_EMAILED = env.list("ORDER_STATUSES_NOT_EMAILED", default=["Authorised"])
ABANDONED_BASKET_AFTER_HOURS = env.int("ABANDONED_BASKET_AFTER_HOURS", default=24)
ABANDONED_BASKET_MAX_AGE_DAYS = env.int("ABANDONED_BASKET_MAX_AGE_DAYS", default=7)

# --- browser security headers (CSP, Permissions-Policy, caching, cookies) ------------------------

# Nonce-based: a script runs only if it is one of our static files or carries this response's nonce
# (templates write nonce="{{ request.csp_nonce }}"), so markup injected into a page cannot run script.
# A gateway's script and frames (Stripe.js) are allowed on its own pay page only (Gateway.pay_page_sources).
CSP_REPORT_URL = "/csp-report/"
_media_origins = []
if AWS_STORAGE_BUCKET_NAME:
    if AWS_S3_CUSTOM_DOMAIN:
        _media_origins.append(f"https://{AWS_S3_CUSTOM_DOMAIN}")
    elif AWS_S3_ENDPOINT_URL:
        _media_origins.append(AWS_S3_ENDPOINT_URL.rstrip("/"))
    else:
        _media_origins.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
        if AWS_S3_REGION_NAME:
            _media_origins.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com")
# Oscar's storefront templates hide or size a few elements with these fixed style attributes; they are
# allowed by hash, so a style attribute injected into a page is still refused.
_oscar_style_attributes = [
    f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'"
    for style in (
        "display:none",
        "display:none;",
        "display: none;",
        "width: auto;",
        "font-weight: normal",
        "margin-top:5px",
        "width:40px",
        "width:40px;",
    )
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF],
        "style-src-attr": [csp.UNSAFE_HASHES, *_oscar_style_attributes],
        "img-src": [csp.SELF, "data:", *_media_origins],
        "font-src": [csp.SELF, "data:"],
        # 'self' covers the live order pages' WebSockets (same host, ws/wss).
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
        "report-uri": CSP_REPORT_URL,
    },
}
# Changes per area (path prefix), applied by AreaContentSecurityPolicyMiddleware. Scripts stay
# nonce-only everywhere these do not say otherwise.
# The back offices' templates and widgets (TinyMCE, select2, Wagtail's editor) write inline styles all
# over: 'unsafe-inline' for styles there only. Scripts still need the nonce.
_inline_styles = {"style-src": [csp.UNSAFE_INLINE]}
_inline_style_attributes = {"style-src-attr": [csp.UNSAFE_INLINE]}
CONTENT_SECURITY_POLICY_AREAS = {
    "/dashboard/": {"update": _inline_styles, "replace": _inline_style_attributes},
    # Swagger UI writes <style> elements as it renders the contract.
    "/api/docs/": {"update": _inline_styles},
    # Wagtail's admin still writes inline scripts into its form widgets (date choosers, inline panels),
    # which have no request to take a nonce from: 'self' and 'unsafe-inline' scripts there, and there only
    # (staff behind a login). No 'unsafe-eval': the admin runs without it.
    "/cms/": {
        "update": _inline_styles,
        "replace": {**_inline_style_attributes, "script-src": [csp.SELF, csp.UNSAFE_INLINE]},
    },
}
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "usb": [],
    "accelerometer": [],
    "gyroscope": [],
    "magnetometer": [],
    # The Payment Request API, for our pages and Stripe's frames only.
    "payment": ["self", "https://js.stripe.com"],
}
# Cache-Control: no-store (ptashka.security.headers.NoStoreMiddleware).
NO_STORE_PATH_PREFIXES = ["/basket/", "/checkout/", "/accounts/", "/dashboard/"]
# Oscar sets no SameSite on its basket cookie; OscarCookieFlagsMiddleware adds this (and Secure in prod).
OSCAR_COOKIE_SAMESITE = "Lax"

# templates.W003 says two tag libraries share a name: ptashka.templatetags.category_tags replaces
# Oscar's on purpose (TEMPLATES' "libraries" above), so Oscar's templates keep their {% load %}.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# --- page cache ----------------------------------------------------------------------------------

# Whole pages for visitors without a session, basket or messages cookie, from CACHES["default"]
# (ptashka.page_cache); any content change makes every stored page stale. PAGE_CACHE_SECONDS is the
# longest a page is kept; a scheduled offer, page or announcement change keeps it shorter.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_EXCLUDED_PATH_PREFIXES = [
    *NO_STORE_PATH_PREFIXES,
    "/cms/",
    "/api/",
    "/django-admin/",
    "/healthz",
    "/readyz",
    "/ws/",
    "/visitor/",
    "/i18n/",
    "/payments/",
    "/csp-report/",
    "/reminders/",
    "/documents/",
]
# The nginx page cache option (deploy/nginx.conf): Wagtail's frontend cache sends PURGE here on publish,
# e.g. http://127.0.0.1 (nginx, from the shop host). Empty: no nginx cache to purge.
PAGE_CACHE_PURGE_URL = env.str("PAGE_CACHE_PURGE_URL", default="")
if PAGE_CACHE_PURGE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": PAGE_CACHE_PURGE_URL,
        }
    }

# --- observability (logs, Sentry, readiness) -----------------------------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "oscar": {"level": LOG_LEVEL},
        "ptashka": {"level": LOG_LEVEL},
        # Eager tasks run inside the request: Celery's "Task ... succeeded in 0.007s" line for
        # each product view would fill the embedded server's console. A worker still logs them.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else LOG_LEVEL},
        # One INFO line at every start ("AXES: BEGIN version ..."); its warnings still show.
        "axes.apps": {"level": "WARNING"},
    },
}

# Error reporting is on when SENTRY_DSN is set (ptashka.observability, once the apps are loaded).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="development")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)

# The Celery broker is checked by /readyz only when one is configured.
READYZ_CHECK_BROKER = not CELERY_TASK_ALWAYS_EAGER
