"""Products with variants, as the demo shop's shirts and tablecloths are: a parent, and children
that differ in an option attribute (size, colour)."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from oscar.test import factories

from tests.shop_fixtures import _PNG

AttributeOption = get_model("catalogue", "AttributeOption")
AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductClass = get_model("catalogue", "ProductClass")

SIZES = ("XS", "S", "M", "L", "XL", "XXL")


class Wardrobe:
    """Shirts with sizes: an option group in the shop's own order, and parents made on request."""

    def __init__(self, small_shop):
        self.shop = small_shop
        self.shirts = ProductClass.objects.create(name="Shirts", slug="shirts", track_stock=True)
        group = AttributeOptionGroup.objects.create(name="Sizes", code="sizes")
        self.sizes = {size: AttributeOption.objects.create(group=group, option=size) for size in SIZES}
        ProductAttribute.objects.create(
            product_class=self.shirts, code="size", name="Size", type="option", option_group=group
        )
        ProductAttribute.objects.create(product_class=self.shirts, code="fabric", name="Fabric", type="text")
        self.count = 0

    def shirt(self, title="Poltava shirt", sizes=("XL", "L", "M", "S"), prices=None, stock=None, images=0):
        """A parent with a variant per size, created in the order given (by default the reverse of
        the sizes' own); ``prices`` and ``stock`` map sizes to a price or a stock level."""
        self.count += 1
        parent = Product.objects.create(
            structure=Product.PARENT,
            product_class=self.shirts,
            title=title,
            upc=f"482071{self.count:04d}00",
            description="<p>Heavy natural linen, embroidered at the collar.</p>",
        )
        parent.attr.fabric = "Linen"
        parent.save()
        parent.categories.add(self.shop.textiles)
        for n in range(images):
            factories.create_product_image(
                product=parent, original=ContentFile(_PNG, name=f"shirt-{n}.png"), display_order=n
            )
        for size in sizes:
            child = Product(
                structure=Product.CHILD, parent=parent, title=f"{title} ({size})", upc=f"{parent.upc}{size}"
            )
            child.attr.size = self.sizes[size]
            child.save()
            factories.create_stockrecord(
                child,
                price=Decimal((prices or {}).get(size, "89.00")),
                num_in_stock=(stock or {}).get(size, 5),
                partner_name="Ptashka Warehouse",
                currency="EUR",
            )
        return parent

    def variant(self, parent, size):
        return parent.children.get(upc=f"{parent.upc}{size}")


@pytest.fixture
def wardrobe(small_shop):
    return Wardrobe(small_shop)
