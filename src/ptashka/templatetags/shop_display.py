"""How the storefront shows a price and a product's picture, for templates and for JSON answers alike."""

import logging

from django import template
from oscar.core.thumbnails import get_thumbnailer
from oscar.templatetags.currency_filters import currency

register = template.Library()
logger = logging.getLogger(__name__)


@register.filter
def price_text(price):
    """A strategy's price as the shopper pays it: tax included when it is known."""
    if price is None or not getattr(price, "exists", True):
        return ""
    amount = price.incl_tax if price.is_tax_known else price.excl_tax
    return currency(amount, price.currency)


def thumbnail_url(product, size, crop="center"):
    """The address of a square thumbnail of a product's first picture ('' if it cannot be made)."""
    image = product.primary_image()
    source = image.original if hasattr(image, "original") else image.get("original")
    try:
        thumbnail = get_thumbnailer().generate_thumbnail(source, size=size, crop=crop, upscale=False)
    except Exception:  # a missing or broken file must not break the page that lists it
        logger.exception("No thumbnail for product %s", product.pk)
        return ""
    return thumbnail.url
