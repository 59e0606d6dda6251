"""Live shop data for content blocks: products with price and stock from Oscar's strategy."""

from dataclasses import dataclass

from oscar.core.loading import get_class, get_model

Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")


@dataclass(frozen=True)
class ShopItem:
    """A product as a shopper sees it right now: price and availability decided by the strategy."""

    product: object
    purchase_info: object

    @property
    def price(self):
        return self.purchase_info.price

    @property
    def availability(self):
        return self.purchase_info.availability


def products_queryset():
    """Browsable products with everything the card template reads fetched up front."""
    return Product.objects.browsable().base_queryset()


def shop_items(products, request=None):
    """Products that can be bought right now, in the given order; the others are left out.

    A deleted, unpublished or sold-out product silently drops out of a block instead of
    breaking the page that shows it.
    """
    strategy = Selector().strategy(request=request, user=getattr(request, "user", None))
    items = []
    for product in products:
        if product is None or not product.is_public:
            continue
        info = (
            strategy.fetch_for_parent(product) if product.is_parent else strategy.fetch_for_product(product)
        )
        if not info.availability.is_available_to_buy:
            continue
        items.append(ShopItem(product=product, purchase_info=info))
    return items


def products_by_ids(ids):
    """Fetch the given products in one query, keeping the editor's order."""
    ids = [pk for pk in ids if pk]
    by_id = {p.pk: p for p in products_queryset().filter(pk__in=ids)}
    return [by_id.get(pk) for pk in ids]


def newest_in_category(category, limit):
    queryset = products_queryset()
    if category is not None:
        descendants = category.get_descendants_and_self()
        queryset = queryset.filter(categories__in=descendants).distinct()
    return list(queryset.order_by("-date_created")[: limit * 2])
