"""Offer prices a page shows before anything is in the basket: "€80.10, was €89.00, 10% off ceramics".

Oscar decides discounts only when it applies offers to a basket. A product page or a listing wants
the same answer for one unit of each product it shows, without a query per product: the site's
offers are loaded once per request (the applicator keeps them on the request), each offer's range
once, and which products each range holds is asked in one query for all of them
(offer.models.hold_products_in_ranges).

Only what one unit would get in the basket is shown: a site offer whose condition one unit meets
(a count of one, or a value up to the unit's price) and whose benefit takes a percentage or a fixed
amount off the product's own price. Multibuy, fixed-price bundles, whole-basket amounts, shipping
discounts, vouchers and ranges with a proxy class decide in the basket only.
"""

from dataclasses import dataclass
from decimal import Decimal

from oscar.core.loading import get_class, get_model

from .applicator import shared_ranges
from .models import hold_products_in_ranges

Applicator = get_class("offer.applicator", "Applicator")
Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
Selector = get_class("partner.strategy", "Selector")

ONE_UNIT_BENEFITS = {Benefit.PERCENTAGE, Benefit.FIXED_UNIT}


@dataclass(frozen=True)
class OfferPrice:
    """One unit's price under the offer that applies to it, beside the price without it."""

    offer_name: str
    was: Decimal
    now: Decimal
    currency: str

    @property
    def saving(self):
        return self.was - self.now


def site_offers(request=None):
    """The site's running offers, highest priority first, loaded once per request."""
    applicator = Applicator()
    applicator.request = request
    offers = list(applicator.get_site_offers())
    offers.sort(key=lambda offer: (-offer.priority, offer.pk))
    return offers


def shown_price(purchase_info):
    """The unit price a page shows (incl. tax when known), or None without a price."""
    price = purchase_info.price
    if not price.exists:
        return None
    return price.incl_tax if price.is_tax_known else price.excl_tax


def offer_prices(products, request=None, strategy=None, purchase_infos=None):
    """{product.pk: OfferPrice} for the products a site offer discounts; others are left out.

    ``products`` may mix stand-alone products, parents (priced as the strategy prices a parent)
    and variants; their stock records should be prefetched, as for any listing. ``strategy``
    defaults to the request's; ``purchase_infos`` ({pk: PurchaseInfo}) saves asking the strategy
    again when the caller already did. Queries: the site offers (none when the basket middleware
    already loaded them this request), one per offer range not yet loaded, and one for which
    products the ranges hold - however many products there are.
    """
    products = [product for product in products if product is not None]
    if not products:
        return {}
    offers = [offer for offer in site_offers(request) if _one_unit_can_get(offer)]
    if not offers:
        return {}
    if strategy is None:
        strategy = getattr(request, "strategy", None) or Selector().strategy(request=request)
    purchase_infos = purchase_infos or {}
    ranges = [offer_range for offer_range in shared_ranges(offers) if not offer_range.proxy]
    hold_products_in_ranges(ranges, products)
    prices = {}
    for product in products:
        info = purchase_infos.get(product.pk)
        if info is None:
            info = (
                strategy.fetch_for_parent(product)
                if product.is_parent
                else strategy.fetch_for_product(product)
            )
        price = shown_price(info)
        if price is None or price <= 0 or not product.is_discountable:
            continue
        for offer in offers:
            discounted = _price_under(offer, product, price)
            if discounted is not None:
                prices[product.pk] = OfferPrice(offer.name, price, discounted, info.price.currency)
                break
    return prices


def _one_unit_can_get(offer):
    condition, benefit = offer.condition, offer.benefit
    if benefit.type not in ONE_UNIT_BENEFITS or benefit.range_id is None or condition.range_id is None:
        return False
    if condition.type == Condition.COUNT:
        return condition.value <= 1
    return condition.type == Condition.VALUE


def _price_under(offer, product, price):
    """The unit's price under this offer (the offer's first, highest-priority claim on it), or None."""
    condition, benefit = offer.condition, offer.benefit
    for part in (condition, benefit):
        if part.range.proxy or not part.range.contains_product(product):
            return None
    if condition.type == Condition.VALUE and condition.value > price:
        return None
    if benefit.type == Benefit.PERCENTAGE:
        discount = benefit.round(price * min(benefit.value, Decimal(100)) / 100)
    else:
        discount = min(benefit.value, price)
    if discount <= 0:
        return None
    return price - discount
