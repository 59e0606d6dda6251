"""The demo shop's delivery: the countries it ships to and its shipping methods, kept in the database."""

from decimal import Decimal

from django.db.models import Q
from oscar.core.loading import get_model

from ptashka.demo.fixture_files import read_fixture
from ptashka.demo.tally import Tally

Country = get_model("address", "Country")
OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")


def load_shipping(tally: Tally) -> None:
    data = read_fixture("shop.json")
    for entry in data["shipping_countries"]:
        # Checkout's address form offers only shipping countries, and a fresh database has none.
        _, created = Country.objects.get_or_create(
            iso_3166_1_a2=entry["iso_3166_1_a2"],
            defaults={**entry, "is_shipping_country": True},
        )
        tally.count("shipping countries", created)
    for entry in data["shipping_methods"]:
        _load_shipping_method(entry, tally)


def _load_shipping_method(entry, tally):
    # The dashboard lets a manager rename a method, so an existing one is found by code or by name.
    method = OrderAndItemCharges.objects.filter(Q(code=entry["code"]) | Q(name=entry["name"])).first()
    created = method is None
    if created:
        threshold = entry["free_shipping_threshold"]
        OrderAndItemCharges.objects.create(
            code=entry["code"],
            name=entry["name"],
            description=entry["description"],
            price_per_order=Decimal(entry["price_per_order"]),
            price_per_item=Decimal(entry["price_per_item"]),
            free_shipping_threshold=Decimal(threshold) if threshold is not None else None,
        )
    tally.count("shipping methods", created)
