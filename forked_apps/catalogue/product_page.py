"""What the product page shows beside Oscar's product: the variant picker, the buy box, the gallery,
the delivery note and related products, each built from rows the view fetched up front."""

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from oscar.core.thumbnails import get_thumbnailer
from oscar.templatetags.currency_filters import currency

from ptashka.product_listing import browsable_products

logger = logging.getLogger(__name__)

OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductRecommendation = get_model("catalogue", "ProductRecommendation")

RELATED_SHOWN = 4
# A variant picker's query parameter when a parent's variants differ in no attribute.
VARIANT_PARAMETER = "variant"


@dataclass
class Choice:
    """One option of a dimension: "M" of size. ``sold_out``: no variant with it (and the other
    dimensions as chosen) can be bought; ``missing``: there is no such variant at all."""

    value: str
    label: str
    checked: bool = False
    sold_out: bool = False
    missing: bool = False


@dataclass
class Dimension:
    code: str
    name: str
    choices: list = field(default_factory=list)


@dataclass
class Variant:
    product: object
    values: dict  # {dimension code: choice value}
    info: object  # the strategy's PurchaseInfo
    offer_price: object = None  # forked_apps.offer.display.OfferPrice or None

    @property
    def available(self):
        return self.info.availability.is_available_to_buy and self.info.price.exists


@dataclass
class VariantPicker:
    """A parent's variants by dimension, with the variant chosen (None when the request names
    a combination there is none of) and what was wrong with the request, if anything."""

    dimensions: list
    variants: list
    chosen: object = None
    error: str = ""

    def variant_for(self, values):
        for variant in self.variants:
            if all(variant.values.get(code) == value for code, value in values.items()):
                return variant
        return None


def _value_key(value):
    """How a variant's attribute value sorts: an option in its group's order (S, M, L, XL, as the
    shop entered them), numbers as numbers, the rest as text."""
    option = value.value_option
    if option is not None:
        return (0, option.pk, "")
    raw = value.value
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        return (1, raw, "")
    return (2, 0, str(value.value_as_text))


def _choice_value(value):
    option = value.value_option
    return option.option if option is not None else str(value.value_as_text)


def build_picker(children, infos, offer_prices, requested=None, chosen_pk=None):
    """The picker for these public children (their own attribute values prefetched).

    ``requested``: the GET parameters of the no-JavaScript form ({code: value}); ``chosen_pk``: the
    variant whose own page this is. Neither: the first variant that can be bought is chosen.
    """
    children = list(children)
    own_values = {child.pk: list(getattr(child, "_prefetched_attribute_values", [])) for child in children}
    seen = {}
    for child in children:
        for value in own_values[child.pk]:
            seen.setdefault(value.attribute.code, (value.attribute, {}))[1][_choice_value(value)] = value
    # A dimension is an attribute the variants differ in (with one variant: any it sets itself).
    codes = [
        code
        for code, (attribute, values) in sorted(seen.items(), key=lambda item: item[1][0].pk)
        if len(values) > 1 or len(children) == 1
    ]
    dimensions, variants = [], []
    if codes and all(
        all(any(v.attribute.code == code for v in own_values[child.pk]) for code in codes)
        for child in children
    ):
        for code in codes:
            attribute, values = seen[code]
            ordered = sorted(values.items(), key=lambda item: _value_key(item[1]))
            dimensions.append(Dimension(code, attribute.name, [Choice(key, key) for key, _value in ordered]))
        for child in children:
            values = {
                v.attribute.code: _choice_value(v) for v in own_values[child.pk] if v.attribute.code in codes
            }
            variants.append(Variant(child, values, infos[child.pk], offer_prices.get(child.pk)))
    else:
        # Variants told apart by title only (no attribute, or not every variant sets it).
        dimension = Dimension(VARIANT_PARAMETER, _("Variant"))
        for child in children:
            dimension.choices.append(Choice(str(child.pk), child.get_title()))
            variants.append(
                Variant(
                    child, {VARIANT_PARAMETER: str(child.pk)}, infos[child.pk], offer_prices.get(child.pk)
                )
            )
        dimensions.append(dimension)

    # The variants in the options' order (S, M, L, XL), whatever order they were created in.
    position = {d.code: {c.value: n for n, c in enumerate(d.choices)} for d in dimensions}
    variants.sort(key=lambda v: tuple(position[d.code].get(v.values.get(d.code), 0) for d in dimensions))
    picker = VariantPicker(dimensions, variants)
    # Only the picker's own parameters choose; others (a campaign's utm_source...) are not its business.
    requested = {d.code: requested[d.code] for d in dimensions if requested and d.code in requested}
    if chosen_pk is not None:
        picker.chosen = next((v for v in variants if v.product.pk == chosen_pk), None)
    elif requested:
        picker.chosen, picker.error = _chosen_by_request(picker, requested)
    else:
        picker.chosen = next((v for v in variants if v.available), variants[0] if variants else None)
    _mark_choices(picker, requested if picker.chosen is None else None)
    return picker


def _chosen_by_request(picker, requested):
    values = {}
    for dimension in picker.dimensions:
        value = requested.get(dimension.code)
        if value is None or value == "":
            return None, _("Please choose a %(dimension)s.") % {"dimension": dimension.name.lower()}
        if value not in {choice.value for choice in dimension.choices}:
            return None, _(
                "There is no %(dimension)s “%(value)s” of this product; please choose one of the list."
            ) % {
                "dimension": dimension.name.lower(),
                "value": value[:40],
            }
        values[dimension.code] = value
    chosen = picker.variant_for(values)
    if chosen is None:
        return None, _("This combination is not available; please choose another.")
    return chosen, ""


def _mark_choices(picker, requested):
    chosen_values = dict(picker.chosen.values) if picker.chosen else {}
    if requested:
        chosen_values = {d.code: requested.get(d.code) for d in picker.dimensions if requested.get(d.code)}
    for dimension in picker.dimensions:
        others = {code: value for code, value in chosen_values.items() if code != dimension.code}
        for choice in dimension.choices:
            choice.checked = chosen_values.get(dimension.code) == choice.value
            matching = [v for v in picker.variants if v.values.get(dimension.code) == choice.value]
            matching = [v for v in matching if all(v.values.get(c) == val for c, val in others.items())]
            choice.missing = not matching
            choice.sold_out = not any(v.available for v in matching)


def price_text(info):
    price = info.price
    if not price.exists:
        return ""
    amount = price.incl_tax if price.is_tax_known else price.excl_tax
    return currency(amount, price.currency)


def picker_data(picker, image_for):
    """The JSON the page's script reads to switch variants without a reload."""
    variants = []
    for variant in picker.variants:
        product = variant.product
        offer = variant.offer_price
        variants.append(
            {
                "id": product.pk,
                "values": variant.values,
                "title": product.get_title(),
                "url": product.get_absolute_url(),
                "price": price_text(variant.info),
                "was": currency(offer.was, offer.currency) if offer else "",
                "now": currency(offer.now, offer.currency) if offer else "",
                "offer": offer.offer_name if offer else "",
                "available": variant.available,
                "stock": str(variant.info.availability.message)
                if variant.info.price.exists
                else _("Unavailable"),
                "stockCode": variant.info.availability.code if variant.info.price.exists else "unavailable",
                "addUrl": reverse("basket:add", kwargs={"pk": product.pk}),
                "alertUrl": reverse("customer:alert-create", kwargs={"pk": product.pk}),
                "image": image_for(product),
            }
        )
    return {
        "dimensions": [d.code for d in picker.dimensions],
        "variants": variants,
        "labels": {
            "soldOut": _("sold out"),
            "unavailable": _("unavailable"),
            "addToBasket": _("Add to basket"),
            "soldOutButton": _("Sold out"),
            "offerPrice": _("Offer price"),
            "normalPrice": _("Normal price"),
        },
    }


@dataclass(frozen=True)
class GalleryPicture:
    image: object  # a ProductImage
    sizes: dict  # responsive_picture()


def gallery_images(product):
    """The pictures a page shows, each with its sizes: the product's own, or a variant's parent's
    when it has none (an image row whose file is missing is left out)."""
    images = [image for image in product.images.all() if image.original]
    if not images and product.is_child:
        images = [image for image in product.parent.images.all() if image.original]
    pictures = [GalleryPicture(image, responsive_picture(image)) for image in images]
    # A picture whose file cannot be read (lost from the media storage) is left out, not a 500.
    return [picture for picture in pictures if picture.sizes is not None]


PICTURE_WIDTHS = (480, 800, 1200)


def responsive_picture(image, widths=PICTURE_WIDTHS, shown=800):
    """A product image's thumbnails for srcset, by Oscar's thumbnailer (as {% oscar_thumbnail %}),
    each width once: an original smaller than the largest gives fewer, never upscaled copies."""
    thumbnailer = get_thumbnailer()
    candidates = {}
    for width in widths:
        try:
            thumb = thumbnailer.generate_thumbnail(
                image.original, size=f"{width}x{width}", upscale=False, format="WEBP"
            )
        except Exception:  # OSCAR_THUMBNAIL_DEBUG raises where sorl would log and give an empty one
            thumb = None
        if thumb is None or getattr(thumb, "size", None) is None:
            logger.warning("No thumbnail of product image %s (%s)", image.pk, image.original.name)
            return None
        candidates.setdefault(thumb.width, thumb)
    chosen = min(candidates.values(), key=lambda thumb: abs(thumb.width - shown))
    return {
        "src": chosen.url,
        "srcset": ", ".join(f"{thumb.url} {width}w" for width, thumb in sorted(candidates.items())),
        "width": chosen.width,
        "height": chosen.height,
        "full": image.original.url,
    }


@dataclass(frozen=True)
class DeliveryNote:
    cheapest: object  # Price-like: amount and currency
    free_over: object  # Decimal or None
    currency: str


def delivery_note(currency_code):
    """The cheapest delivery the shop's shipping methods charge and the lowest free-delivery
    threshold, from the methods shop managers keep in the dashboard (one query); None without any."""
    methods = OrderAndItemCharges.objects.aggregate(
        cheapest=Min("price_per_order"), free_over=Min("free_shipping_threshold")
    )
    if methods["cheapest"] is None:
        return None
    return DeliveryNote(methods["cheapest"], methods["free_over"], currency_code)


def related_products(product, categories, limit=RELATED_SHOWN):
    """Oscar's recommended products (by their ranking), then the newest others of the product's
    first category (``categories``: the product's, already loaded), at most ``limit``: one listing
    query (browsable_products) and its prefetches, whatever the number of recommendations."""
    base = product.parent if product.is_child else product
    recommended = ProductRecommendation.objects.filter(primary=base, recommendation=OuterRef("pk"))
    related = Q(Exists(recommended))
    if categories:
        related |= Q(Exists(ProductCategory.objects.filter(product=OuterRef("pk"), category=categories[0])))
    queryset = (
        browsable_products()
        .filter(related)
        .exclude(pk=base.pk)
        .annotate(recommended_rank=Subquery(recommended.values("ranking")[:1]))
        .order_by(F("recommended_rank").desc(nulls_last=True), "-date_created", "pk")
    )
    return list(queryset[:limit])
