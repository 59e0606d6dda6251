"""Builders for the content tests: a small priced shop, StreamField data, published pages."""

from decimal import Decimal

from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from oscar.test import factories

Category = get_model("catalogue", "Category")
Range = get_model("offer", "Range")


class SmallShop:
    """Builds priced, stocked products in categories, as Oscar's dashboard would."""

    def __init__(self):
        self.ceramics = Category.add_root(name="Ceramics", slug="ceramics", is_public=True)
        self.textiles = Category.add_root(name="Textiles", slug="textiles", is_public=True)
        self.count = 0

    def product(self, title=None, price="19.50", stock=10, category=None, with_image=False, **kwargs):
        """A product; ``price=None`` makes one without a stock record (a parent of variants)."""
        self.count += 1
        stock_fields = {}
        if price is not None:
            stock_fields = {
                "price": Decimal(price),
                "num_in_stock": stock,
                "partner_name": "Ptashka Warehouse",
            }
        product = factories.create_product(
            title=title or f"Kosiv jug {self.count}",
            upc=f"48207001{self.count:05d}",
            **stock_fields,
            **kwargs,
        )
        if product.parent_id is None:
            product.categories.add(category or self.ceramics)
        if with_image:
            factories.create_product_image(product=product, original=ContentFile(_PNG, name="jug.png"))
        return product

    def products(self, count, **kwargs):
        return [self.product(**kwargs) for _ in range(count)]

    def offer(self, name="10% off ceramics", category=None, **kwargs):
        product_range = Range.objects.create(name=f"{name} range", is_public=True)
        product_range.included_categories.add(category or self.ceramics)
        condition = factories.ConditionFactory(range=product_range, type="Count", value=1)
        benefit = factories.BenefitFactory(range=product_range, type="Percentage", value=10)
        return factories.create_offer(name=name, condition=condition, benefit=benefit, **kwargs)


# The smallest valid PNG: a product image the thumbnailer can read.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2"
    "21bc330000000049454e44ae426082"
)


def stream(*blocks):
    """StreamField raw data from (type, value) pairs."""
    return [{"type": kind, "value": value} for kind, value in blocks]


def carousel(products, title="Loved this season", **options):
    return (
        "product_carousel",
        {
            "title": title,
            "source": options.pop("source", "hand_picked"),
            "products": [product.pk for product in products],
            "category": options.pop("category", None),
            "offer": options.pop("offer", None),
            "count": options.pop("count", 8),
            "layout": options.pop("layout", "carousel"),
        },
    )


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
