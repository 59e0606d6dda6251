"""The shop's public URL (SHOP_BASE_URL): its checks, and the Site rows and absolute links made from it.

One setting says where shoppers reach the shop. Oscar's emails (password reset, order status) build
links from django.contrib.sites' domain, Wagtail's sitemap and canonical URLs from its Site's hostname
and port: both rows follow SHOP_BASE_URL, written after every migrate and by load_demo.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

logger = logging.getLogger(__name__)

SCHEME_PORTS = {"http": 80, "https": 443}


def base_url_problems(url):
    """What is wrong with a SHOP_BASE_URL value, in words an operator can act on; [] when it is usable."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except (TypeError, ValueError):
        return [f"SHOP_BASE_URL {url!r} is not a URL."]
    problems = []
    if parts.scheme not in SCHEME_PORTS:
        problems.append(f"SHOP_BASE_URL {url!r} must start with https:// (or http:// outside production).")
    if not parts.hostname:
        problems.append(f"SHOP_BASE_URL {url!r} names no host.")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        problems.append(
            f"SHOP_BASE_URL {url!r} must be the scheme and host only (and a port), such as "
            "https://shop.example.com: the shop is served from the root of its domain."
        )
    # Wagtail's Site derives its scheme from the port: only 443 reads as https.
    if parts.scheme == "https" and port not in (None, 443):
        problems.append(f"SHOP_BASE_URL {url!r}: https is only supported on port 443.")
    return problems


def shop_domain():
    """The host (and port, when it is not the scheme's own) shoppers use: what Oscar's emails link to."""
    parts = urlsplit(settings.SHOP_BASE_URL)
    return parts.netloc.lower()


def shop_url(path="/"):
    """An absolute URL on the shop's public address."""
    return settings.SHOP_BASE_URL.rstrip("/") + path


def wagtail_site_address():
    """(hostname, port) for Wagtail's default Site, whose root_url then equals SHOP_BASE_URL."""
    parts = urlsplit(settings.SHOP_BASE_URL)
    return parts.hostname, parts.port or SCHEME_PORTS.get(parts.scheme, 80)


def sync_sites_with_shop_url(**kwargs):
    """Point django.contrib.sites' current Site and Wagtail's default Site at SHOP_BASE_URL.

    Connected to post_migrate (and called by load_demo), so a deploy that migrates corrects both;
    does nothing while SHOP_BASE_URL is unusable (the system checks say why).
    """
    if base_url_problems(settings.SHOP_BASE_URL):
        return
    from django.contrib.sites.models import Site
    from wagtail.models import Site as WagtailSite

    domain = shop_domain()
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.OSCAR_SHOP_NAME}
    )
    Site.objects.clear_cache()

    hostname, port = wagtail_site_address()
    site = WagtailSite.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return
    if WagtailSite.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        # Another Wagtail site already answers there: a multi-site setup the operator made on purpose.
        logger.warning("Wagtail's default site was left alone: another site is %s:%s", hostname, port)
        return
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    WagtailSite.clear_site_root_paths_cache()


@checks.register(checks.Tags.compatibility)
def check_shop_base_url(app_configs, **kwargs):
    return [
        checks.Error(
            problem,
            hint="Set SHOP_BASE_URL to the address shoppers type, such as https://shop.example.com.",
            id="ptashka.E001",
        )
        for problem in base_url_problems(settings.SHOP_BASE_URL)
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_shop_base_url_is_https(app_configs, **kwargs):
    if urlsplit(settings.SHOP_BASE_URL).scheme == "https":
        return []
    return [
        checks.Error(
            f"SHOP_BASE_URL {settings.SHOP_BASE_URL!r} is not https: password-reset tokens and order "
            "links in emails would travel in plain text.",
            hint="Set SHOP_BASE_URL to the shop's https:// address.",
            id="ptashka.E002",
        )
    ]
