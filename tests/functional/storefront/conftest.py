"""The demo shop as these storefront tests look at it: its logins, categories and products."""

import pytest

from tests.demo_shop import DEMO_PASSWORDS


class DemoCatalogue:
    def __init__(self):
        from django.contrib.auth import get_user_model
        from oscar.core.loading import get_model

        Product = get_model("catalogue", "Product")
        Category = get_model("catalogue", "Category")
        self.passwords = DEMO_PASSWORDS
        self.users = {
            user.username: user for user in get_user_model().objects.filter(username__in=DEMO_PASSWORDS)
        }
        self.categories = list(Category.objects.filter(depth=1).order_by("path"))
        self.products = Product.objects.browsable().order_by("pk")

    def in_stock_product(self):
        """A standalone product a guest can put in the basket."""
        for product in self.products.filter(structure="standalone").prefetch_related("stockrecords"):
            stock = product.stockrecords.first()
            if stock and stock.net_stock_level > 0:
                return product
        raise LookupError("the demo shop has no standalone product in stock")


@pytest.fixture
def shop(demo_shop):
    return DemoCatalogue()
