"""Search-engine and social fields every content page shares, and schema.org data for shop pages."""

from django.db import models
from django.utils.html import strip_tags
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class SeoFields(models.Model):
    """A social image on top of Wagtail's own SEO title and search description."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared (1200×630 works best); the hero image otherwise.",
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("social_image"),
                FieldPanel("show_in_menus"),
            ],
            heading="Search engines and sharing",
        )
    ]

    class Meta:
        abstract = True

    def get_social_image(self):
        return self.social_image or getattr(self, "hero_image", None)


def breadcrumb_list(crumbs):
    """schema.org BreadcrumbList from (name, absolute URL) pairs."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def product_ld(product, purchase_info, request):
    """schema.org Product with its live Offer, as Oscar's strategy prices it for this request."""
    price = purchase_info.price
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "sku": product.upc or str(product.pk),
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "description": _plain(product.description),
    }
    image = product.primary_image()
    original = getattr(image, "original", None)
    if original and getattr(original, "url", None):
        data["image"] = request.build_absolute_uri(original.url)
    if price.exists:
        amount = price.incl_tax if price.is_tax_known else price.excl_tax
        available = purchase_info.availability.is_available_to_buy
        data["offers"] = {
            "@type": "Offer",
            "price": f"{amount:.2f}",
            "priceCurrency": price.currency,
            "availability": "https://schema.org/InStock" if available else "https://schema.org/OutOfStock",
            "url": data["url"],
        }
    return data


def _plain(html):
    return " ".join(strip_tags(html or "").split())


def page_breadcrumbs(page, request):
    """Crumbs from the site's home page down to this page."""
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=1)
    return [(crumb.title, crumb.get_full_url(request)) for crumb in ancestors]
