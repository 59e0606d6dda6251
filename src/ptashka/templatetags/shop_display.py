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


@register.filter
def offer_for(offer_prices, product):
    """The OfferPrice a listing's ``offer_prices`` ({pk: OfferPrice}) holds for this product, or None."""
    if not offer_prices or product is None:
        return None
    return offer_prices.get(product.pk)


@register.filter
def offer_price_text(offer):
    """An OfferPrice's price after the offer, as the shopper reads it; '' without one."""
    if offer is None:
        return ""
    return currency(offer.now, offer.currency)


def thumbnail_url(product, size, crop="center"):
    """The address of a square thumbnail of a product's first picture ('' if it cannot be made)."""
    image = product.primary_image()
    source = image.original if hasattr(image, "original") else image.get("original")
    try:
        thumbnail = get_thumbnailer().generate_thumbnail(
            source, size=size, crop=crop, upscale=False, format="WEBP"
        )
    except Exception:  # a missing or broken file must not break the page that lists it
        logger.exception("No thumbnail for product %s", product.pk)
        return ""
    return thumbnail.url
