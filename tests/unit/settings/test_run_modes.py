"""Each settings module loads, and the environment alone switches between the two run modes."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PROD_SECRET = secrets.token_urlsafe(64)

# Prints what a run mode decided, as JSON, from a fresh interpreter with only the given env.
PROBE = """
import json, django
from django.conf import settings
django.setup()
from django.core.files.storage import storages
import sentry_sdk
print(json.dumps({
    "debug": settings.DEBUG,
    "database": settings.DATABASES["default"]["ENGINE"],
    "database_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE,
    "celery_eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL,
    "task_log_level": settings.LOGGING["loggers"]["celery.app.trace"]["level"],
    "channel_layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "media_storage": type(storages["default"]).__module__ + "." + type(storages["default"]).__name__,
    "static_storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "email": settings.EMAIL_BACKEND,
    "sentry": sentry_sdk.get_client().is_active(),
}))
"""


def run_python(code, settings_module, **env_vars):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}",
        "DJANGO_SETTINGS_MODULE": settings_module,
        # a developer's .env must not change what these tests see
        "DJANGO_READ_DOT_ENV_FILE": "False",
        **env_vars,
    }
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def probe(settings_module, **env_vars):
    result = run_python(PROBE, settings_module, **env_vars)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


PROD_ENV = {
    "SECRET_KEY": PROD_SECRET,
    "ALLOWED_HOSTS": "shop.example.com",
    "SHOP_BASE_URL": "https://shop.example.com",
}


@pytest.mark.parametrize(
    "settings_module, env_vars",
    [("ptashka.settings.dev", {}), ("ptashka.settings.test", {}), ("ptashka.settings.prod", PROD_ENV)],
)
def test_every_settings_module_loads(settings_module, env_vars):
    decided = probe(settings_module, **env_vars)

    assert decided["debug"] is (settings_module == "ptashka.settings.dev")


def test_without_redis_the_embedded_default_needs_no_services():
    decided = probe("ptashka.settings.dev")

    assert decided["database"] == "django.db.backends.sqlite3"
    assert decided["database_name"] == str(ROOT / "var" / "ptashka.sqlite3")
    assert decided["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert decided["celery_eager"] is True
    # A host in the URL: for a bare memory:// kombu warns "No hostname was supplied".
    assert decided["broker"] == "memory://localhost/"
    # Eager tasks run in the request: their "succeeded in" lines stay out of the server's console.
    assert decided["task_log_level"] == "WARNING"
    assert decided["channel_layer"] == "channels.layers.InMemoryChannelLayer"
    assert decided["media_storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert decided["email"] == "django.core.mail.backends.console.EmailBackend"
    assert decided["sentry"] is False


def test_redis_url_moves_cache_sessions_broker_and_channel_layer_to_redis():
    decided = probe("ptashka.settings.dev", REDIS_URL="redis://127.0.0.1:6379/7")

    assert decided["cache"] == "ptashka.cache.FailOpenRedisCache"
    assert decided["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert decided["celery_eager"] is False
    assert decided["broker"] == "redis://127.0.0.1:6379/7"
    assert decided["task_log_level"] == "INFO"  # a worker logs each task it ran
    assert decided["channel_layer"] == "channels_redis.core.RedisChannelLayer"


def test_database_url_and_email_url_choose_database_and_mail_transport():
    decided = probe(
        "ptashka.settings.dev",
        DATABASE_URL="postgres://shop:pw@127.0.0.1:5432/shop",
        EMAIL_URL="smtp+tls://user:pw@127.0.0.1:587",
    )

    assert decided["database"] == "django.db.backends.postgresql"
    assert decided["database_name"] == "shop"
    assert decided["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_bucket_name_puts_media_on_s3():
    decided = probe(
        "ptashka.settings.dev", AWS_STORAGE_BUCKET_NAME="ptashka-media", AWS_S3_REGION_NAME="eu-central-1"
    )

    assert decided["media_storage"] == "storages.backends.s3.S3Storage"


def test_sentry_dsn_switches_error_reporting_on():
    decided = probe("ptashka.settings.dev", SENTRY_DSN="http://public@127.0.0.1:9/1")

    assert decided["sentry"] is True


def test_prod_reports_errors_as_production():
    code = "import django, sentry_sdk; django.setup(); print(sentry_sdk.get_client().options['environment'])"

    result = run_python(code, "ptashka.settings.prod", SENTRY_DSN="http://public@127.0.0.1:9/1", **PROD_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "production"


# What a merchant sets, printed as the settings decided it.
SHOP = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "name": settings.OSCAR_SHOP_NAME,
    "wagtail_name": settings.WAGTAIL_SITE_NAME,
    "currency": settings.OSCAR_DEFAULT_CURRENCY,
    "time_zone": settings.TIME_ZONE,
    "language": settings.LANGUAGE_CODE,
    "languages": [code for code, name in settings.LANGUAGES],
}))
"""


def test_without_shop_variables_the_shop_is_ptashka_in_euros_in_kyiv():
    result = run_python(SHOP, "ptashka.settings.dev")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "name": "Ptashka",
        "wagtail_name": "Ptashka",
        "currency": "EUR",
        "time_zone": "Europe/Kyiv",
        "language": "en-gb",
        "languages": ["en-gb", "uk"],
    }


def test_a_merchant_sets_name_currency_time_zone_and_languages_in_the_environment():
    result = run_python(
        SHOP,
        "ptashka.settings.dev",
        SHOP_NAME="Sova",
        SHOP_CURRENCY="UAH",
        SHOP_TIME_ZONE="Europe/Warsaw",
        SHOP_LANGUAGES="uk,en-gb,pl",
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "name": "Sova",
        "wagtail_name": "Sova",
        "currency": "UAH",
        "time_zone": "Europe/Warsaw",
        "language": "uk",
        "languages": ["uk", "en-gb", "pl"],
    }


@pytest.mark.parametrize(
    "settings_module", ["ptashka.settings.dev", "ptashka.settings.test", "ptashka.settings.prod"]
)
def test_settings_import_no_app_code(settings_module):
    code = "\n".join(
        [
            "import importlib, sys",
            f"importlib.import_module({settings_module!r})",
            "ours = ('ptashka', 'cms', 'forked_apps')",
            "print(sorted(name for name in sys.modules if name.split('.')[0] in ours))",
        ]
    )

    result = run_python(code, settings_module, **PROD_ENV)

    assert result.returncode == 0, result.stderr
    # The package's __init__ loads the Celery app, which reads the settings; nothing else of ours.
    assert result.stdout.strip().splitlines()[-1] == str(
        sorted(["ptashka", "ptashka.celery", "ptashka.settings", "ptashka.settings.base", settings_module])
    )


def test_prod_serves_hashed_compressed_static_files():
    decided = probe("ptashka.settings.prod", **PROD_ENV)

    assert decided["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_prod_refuses_to_start_without_a_secret_key():
    result = run_python(
        "import django; django.setup()", "ptashka.settings.prod", ALLOWED_HOSTS="shop.example.com"
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_prod_refuses_to_start_with_debug_on():
    result = run_python("import django; django.setup()", "ptashka.settings.prod", DEBUG="True", **PROD_ENV)

    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_prod_refuses_to_start_without_the_shop_base_url():
    env = {key: value for key, value in PROD_ENV.items() if key != "SHOP_BASE_URL"}

    result = run_python("import django; django.setup()", "ptashka.settings.prod", **env)

    assert result.returncode != 0
    assert "Set SHOP_BASE_URL" in result.stderr


def test_prod_deployment_checklist_refuses_a_plain_http_shop_base_url():
    code = "\n".join(
        [
            "import django",
            "django.setup()",
            "from django.core import management",
            "management.call_command('check', deploy=True)",
        ]
    )

    result = run_python(
        code, "ptashka.settings.prod", **{**PROD_ENV, "SHOP_BASE_URL": "http://shop.example.com"}
    )

    assert result.returncode != 0
    assert "ptashka.E002" in result.stderr


def test_prod_passes_the_deployment_checklist_without_a_warning():
    code = "import sys; from django.core.management import execute_from_command_line as run; run(sys.argv)"
    result = subprocess.run(
        [sys.executable, "-c", code, "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}",
            "DJANGO_SETTINGS_MODULE": "ptashka.settings.prod",
            "DJANGO_READ_DOT_ENV_FILE": "False",
            **PROD_ENV,
            # A shop that sells has a real gateway; without one the checks fail (tests below).
            **PROD_STRIPE_ENV,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    # One silenced on purpose: templates.W003, our category_tags replacing Oscar's (settings/base.py).
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_the_only_silenced_check_is_the_category_tags_replacement():
    from django.conf import settings

    assert settings.SILENCED_SYSTEM_CHECKS == ["templates.W003"]
    assert settings.TEMPLATES[0]["OPTIONS"]["libraries"] == {
        "category_tags": "ptashka.templatetags.category_tags"
    }


def test_prod_collects_static_files_into_a_manifest(tmp_path):
    code = "import sys; from django.core.management import execute_from_command_line as run; run(sys.argv)"
    result = subprocess.run(
        [sys.executable, "-c", code, "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}",
            "DJANGO_SETTINGS_MODULE": "ptashka.settings.prod",
            "STATIC_ROOT": str(tmp_path),
            "DJANGO_READ_DOT_ENV_FILE": "False",
            **PROD_ENV,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    assert "ptashka/css/shop.css" in manifest["paths"]
    hashed = manifest["paths"]["ptashka/css/shop.css"]
    assert (tmp_path / hashed).exists() and (tmp_path / f"{hashed}.gz").exists()


# --- payments in each run mode ---

PROD_STRIPE_ENV = {
    "STRIPE_SECRET_KEY": "sk_live_not_a_real_key",
    "STRIPE_PUBLISHABLE_KEY": "pk_live_not_a_real_key",
    "STRIPE_WEBHOOK_SECRET": "whsec_not_a_real_secret",
}

OFFERED_GATEWAYS = """
import django
django.setup()
from ptashka.payments.registry import configured_codes
print("offered:" + ",".join(configured_codes()))
"""


DEPLOYMENT_CHECKLIST = (
    "from django.core.management import execute_from_command_line as run; "
    "run(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
)


def deployment_checklist(**env_vars):
    return run_python(DEPLOYMENT_CHECKLIST, "ptashka.settings.prod", **{**PROD_ENV, **env_vars})


@pytest.mark.parametrize(
    "settings_module, env_vars, offered",
    [
        ("ptashka.settings.dev", {}, "dummy"),
        ("ptashka.settings.test", {}, "dummy"),
        ("ptashka.settings.prod", PROD_ENV, ""),
        ("ptashka.settings.prod", {**PROD_ENV, **PROD_STRIPE_ENV}, "stripe"),
    ],
    ids=["dev", "test", "prod", "prod-with-stripe"],
)
def test_only_dev_and_test_offer_the_dummy_gateway_by_default(settings_module, env_vars, offered):
    result = run_python(OFFERED_GATEWAYS, settings_module, **env_vars)

    assert result.returncode == 0, result.stderr
    assert f"offered:{offered}" in result.stdout.splitlines()


def test_prod_without_a_payment_gateway_fails_the_system_checks():
    result = deployment_checklist()

    assert result.returncode != 0
    assert "ptashka_payments.E002" in result.stderr


def test_prod_with_stripe_but_no_webhook_secret_fails_the_system_checks():
    result = deployment_checklist(**{**PROD_STRIPE_ENV, "STRIPE_WEBHOOK_SECRET": ""})

    assert result.returncode != 0
    assert "ptashka_payments.E003" in result.stderr


def test_prod_with_the_dummy_gateway_turned_on_explicitly_is_warned_about_loudly():
    result = deployment_checklist(PAYMENTS_DUMMY_GATEWAY="true")

    assert result.returncode != 0
    assert "ptashka_payments.W003" in result.stderr
    assert "without taking any money" in result.stderr
