"""Files for crawlers: sitemap.xml (Wagtail's pages, Oscar's categories and products) and robots.txt."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.models import Site as WagtailSite

from ptashka.public_url import shop_url

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


class ShopSitemap(Sitemap):
    """Absolute URLs on the Wagtail site's own root URL, like the pages beside them.

    django.contrib.sites (which Oscar installs) would name its placeholder domain instead.
    """

    def __init__(self, request):
        site = WagtailSite.find_for_request(request)
        root = urlsplit(site.root_url if site else request.build_absolute_uri("/"))
        self.domain, self.scheme = root.netloc, root.scheme

    def get_domain(self, site=None):
        return self.domain

    def get_protocol(self, protocol=None):
        return self.scheme


class CategorySitemap(ShopSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Category.objects.browsable().order_by("path")


class ProductSitemap(ShopSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Product.objects.browsable().order_by("pk").only("pk", "slug", "date_updated")

    def lastmod(self, product):
        return product.date_updated


def sitemap_xml(request):
    sitemaps = {
        "pages": PageSitemap(request),
        "categories": CategorySitemap(request),
        "products": ProductSitemap(request),
    }
    return sitemap(request, sitemaps, template_name="cms/sitemap.xml")


# Carts, checkout, accounts and search results are per shopper: nothing there for an index.
DISALLOWED_PATHS = ["/basket/", "/checkout/", "/accounts/", "/dashboard/", "/cms/", "/api/", "/search/"]


def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED_PATHS)]
    lines.append(f"Sitemap: {shop_url(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
