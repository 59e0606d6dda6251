"""Live shop data for content blocks: products with price and stock from Oscar's strategy."""

from collections import defaultdict
from dataclasses import dataclass, replace

from django.db import connection
from django.db.models import F, Value
from django.urls import reverse
from oscar.core.loading import get_class, get_model
from oscar.templatetags.currency_filters import currency

from forked_apps.offer.display import offer_prices
from ptashka.product_listing import browsable_products

Category = get_model("catalogue", "Category")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")


@dataclass(frozen=True)
class ShopItem:
    """A product as a shopper sees it right now: price and availability decided by the strategy."""

    product: object
    purchase_info: object
    # The site offer that takes something off one unit (forked_apps.offer.display.OfferPrice), if any.
    offer: object = None

    @property
    def offer_price(self):
        """The price after the offer, as the shopper reads it ("€24.30"), or "" without one."""
        if self.offer is None:
            return ""
        return currency(self.offer.now, self.offer.currency)

    @property
    def offer_name(self):
        return self.offer.offer_name if self.offer is not None else ""

    @property
    def price(self):
        return self.purchase_info.price

    @property
    def availability(self):
        return self.purchase_info.availability


def products_queryset():
    """Browsable products with everything the card template and the strategy read fetched up front.

    The shop's own listing queryset, so a carousel's query count does not grow with its length.
    """
    return browsable_products()


def strategy_for(request):
    # Oscar's strategies read request.user; a request from outside the middleware (an API
    # serializer's, a test's) prices for an anonymous shopper instead.
    if request is not None and not hasattr(request, "user"):
        request = None
    return Selector().strategy(request=request, user=getattr(request, "user", None))


def purchase_info_for(product, strategy):
    if product.is_parent:
        return strategy.fetch_for_parent(product)
    return strategy.fetch_for_product(product)


def shop_items(products, request=None, include_unavailable=False):
    """Products that can be bought right now, in the given order; the others are left out.

    A deleted, unpublished or sold-out product silently drops out of a block instead of
    breaking the page that shows it. Search results keep sold-out products
    (``include_unavailable``): a shopper looking for one should learn it is sold out.
    """
    strategy = strategy_for(request)
    items = []
    for product in products:
        if product is None or not product.is_public:
            continue
        info = purchase_info_for(product, strategy)
        if not (include_unavailable or info.availability.is_available_to_buy):
            continue
        items.append(ShopItem(product=product, purchase_info=info))
    if not items:
        return items
    offers = offers_for(
        [item.product for item in items],
        request,
        strategy,
        purchase_infos={item.product.pk: item.purchase_info for item in items},
    )
    return [replace(item, offer=offers.get(item.product.pk)) for item in items]


def offers_for(products, request=None, strategy=None, purchase_infos=None):
    """{pk: OfferPrice or None} for these products, asked once per request for each product.

    A page's shop blocks ask for their products' offer prices one block at a time; the answers are
    kept on the request, and PageShopProducts asks for every product of the page at once first, so
    a page with twelve blocks costs what a page with four does.
    """
    kept = getattr(request, "_shop_offer_prices", None) if request is not None else None
    if kept is None:
        kept = {}
        if request is not None:
            request._shop_offer_prices = kept
    missing = [product for product in products if product is not None and product.pk not in kept]
    if missing:
        found = offer_prices(
            missing,
            request=request,
            strategy=strategy or strategy_for(request),
            purchase_infos=purchase_infos,
        )
        for product in missing:
            kept[product.pk] = found.get(product.pk)
    return kept


def products_by_ids(ids):
    """Fetch the given products in one query, keeping the editor's order."""
    ids = [pk for pk in ids if pk]
    if not ids:
        return []
    by_id = {p.pk: p for p in products_queryset().filter(pk__in=ids)}
    return [by_id.get(pk) for pk in ids]


def _in_category(queryset, category):
    if category is None:
        return queryset
    descendants = category.get_descendants_and_self()
    in_category = Product.objects.filter(categories__in=descendants).values("pk")
    return queryset.filter(pk__in=in_category)


# Sold-out products are dropped after fetching, so twice the wanted number is fetched to fill a row.
OVERFETCH = 2


def newest_in_category(category, limit):
    queryset = _in_category(products_queryset(), category)
    return list(queryset.order_by("-date_created", "-pk")[: limit * OVERFETCH])


def top_in_category(category, limit):
    """Best sellers first (Oscar's analytics score), newest among equals."""
    queryset = _in_category(products_queryset(), category)
    ordering = ["-stats__score", "-date_created", "-pk"]
    return list(queryset.order_by(*ordering)[: limit * OVERFETCH])


def products_in_offer(offer, limit):
    """Discountable products in the offer's range; empty when the offer has no product range."""
    if offer is None or not offer.has_products:
        return []
    queryset = products_queryset().filter(pk__in=offer.products().values("pk"))
    return list(queryset.order_by("-date_created", "-pk")[: limit * OVERFETCH])


NEWEST_FIRST = [F("date_created").desc(), F("pk").desc()]
# Oscar's analytics score, best first; PostgreSQL puts products never scored first, as before.
BEST_SELLING_FIRST = [F("stats__score").desc(nulls_first=True), *NEWEST_FIRST]


@dataclass(frozen=True)
class ProductSource:
    """Where a block's products come from: the newest or best sellers of a category, or an offer's."""

    kind: str  # "newest", "top" or "offer"
    category: object = None
    offer: object = None
    limit: int = 8


def _source_queryset(source):
    if source.kind == "offer":
        if source.offer is None or not source.offer.has_products:
            return None
        return Product.objects.browsable().filter(pk__in=source.offer.products().values("pk"))
    return _in_category(Product.objects.browsable(), source.category)


def _rank_key(kind):
    """The Python twin of a source's ORDER BY, to put each source's rows back in order after a UNION."""

    def newest_first(row):
        _, pk, created, _ = row
        return (-created.timestamp(), -pk)

    def best_selling_first(row):
        score = row[3]
        return (score is not None, -(score or 0), *newest_first(row))

    return best_selling_first if kind == "top" else newest_first


def product_ids_from_sources(sources):
    """The product ids each source lists, best first: {source: [pk, ...]}, in one query on PostgreSQL.

    A page's carousels each ask for their own category or offer; asked one by one they cost a query
    each, so a page with more blocks made more queries. A UNION does not promise to keep each part's
    order, so the sort keys come back with the ids and each source's rows are sorted again here.
    """
    parts = []
    for number, source in enumerate(sources):
        queryset = _source_queryset(source)
        if queryset is None:
            continue
        ordering = BEST_SELLING_FIRST if source.kind == "top" else NEWEST_FIRST
        rows = queryset.annotate(part=Value(number)).order_by(*ordering)
        parts.append(
            rows.values_list("part", "pk", "date_created", "stats__score")[: source.limit * OVERFETCH]
        )
    if not parts:
        rows = []
    elif len(parts) > 1 and connection.features.supports_slicing_ordering_in_compound:
        rows = list(parts[0].union(*parts[1:], all=True))
    else:
        # SQLite (the embedded default) cannot union sliced queries: one query per source there.
        rows = [row for part in parts for row in part]
    rows_of = defaultdict(list)
    for row in rows:
        rows_of[row[0]].append(row)
    return {
        source: [row[1] for row in sorted(rows_of[number], key=_rank_key(source.kind))]
        for number, source in enumerate(sources)
    }


def category_has_products(category):
    """True when the category or one below it holds a product shoppers can browse."""
    return _in_category(Product.objects.browsable(), category).exists()


def offer_has_products(offer):
    """True when the offer's range holds a product shoppers can browse."""
    if offer is None or not offer.has_products:
        return False
    return Product.objects.browsable().filter(pk__in=offer.products().values("pk")).exists()


def category_url(category):
    """The storefront page listing a category, or the whole catalogue for none."""
    return category.get_absolute_url() if category is not None else reverse("catalogue:index")


def top_level_categories(limit):
    """The shop's first-level public categories in the dashboard's order."""
    return list(Category.objects.browsable().filter(depth=1).order_by("path")[:limit])


def running_offer():
    """An offer Oscar applies right now, newest first, for the block picker's preview; or None."""
    open_offers = ConditionalOffer.objects.filter(status=ConditionalOffer.OPEN).order_by("-date_created")
    return next((offer for offer in open_offers[:20] if offer.is_available()), None)


def offer_is_running(offer):
    """True while Oscar would apply the offer: open, within its dates, applications left."""
    return offer is not None and offer.is_available()


def product_representation(item, request=None):
    """A live product as plain data, for the block API and previews."""
    product = item.product
    image = product.primary_image()
    original = getattr(image, "original", None)
    image_url = original.url if original and hasattr(original, "url") else None
    if image_url and request is not None:
        image_url = request.build_absolute_uri(image_url)
    price = item.price
    amount = price.incl_tax if price.is_tax_known else price.excl_tax
    return {
        "id": product.pk,
        "title": product.get_title(),
        "url": product.get_absolute_url(),
        "price": {"amount": str(amount), "currency": price.currency, "tax_included": price.is_tax_known},
        "availability": {
            "code": item.availability.code,
            "message": str(item.availability.message),
            "is_available_to_buy": item.availability.is_available_to_buy,
        },
        "image": image_url,
    }
