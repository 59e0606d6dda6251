"""The demo shop of `make run` checks out end to end with the Dummy gateway."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.shop_fixtures import walk_to_preview

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
Country = get_model("address", "Country")
OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")
WeightBased = get_model("shipping", "WeightBased")

pytestmark = pytest.mark.django_db


def in_stock_products(count):
    found = []
    for product in Product.objects.browsable().filter(structure="standalone").order_by("pk"):
        stock = product.stockrecords.first()
        if stock and stock.net_stock_level > 0:
            found.append(product)
        if len(found) == count:
            return found
    raise LookupError("the demo shop has too few products in stock")


def test_a_guest_buys_two_demo_products_and_the_order_is_paid(client, demo_shop):
    Country.objects.update_or_create(
        iso_3166_1_a2="UA",
        defaults={"name": "Ukraine", "printable_name": "Ukraine", "is_shipping_country": True},
    )
    products = in_stock_products(2)

    details = walk_to_preview(client, products)
    assert [gateway.code for gateway in details.context["gateways"]] == ["dummy"]
    client.post(reverse("checkout:preview"), {"gateway": "dummy"})
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})

    assert placed.status_code == 302
    assert placed["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.status == "Paid"
    assert order.currency == "EUR"
    assert order.lines.count() == 2
    demo_methods = [*OrderAndItemCharges.objects.all(), *WeightBased.objects.all()]
    assert order.shipping_code in {
        method.code for method in demo_methods
    }  # the demo's own, from the database
    assert order.sources.get().amount_debited == order.total_incl_tax
