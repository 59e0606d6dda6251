"""The demo shop's offers: a site-wide offer on one category and a voucher with an offer of its own."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

from ptashka.demo.fixture_files import read_fixture
from ptashka.demo.tally import Tally

Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Range = get_model("offer", "Range")
Voucher = get_model("voucher", "Voucher")


def load_offers(categories: dict, tally: Tally) -> None:
    """Create the ranges, offers and vouchers; ``categories`` maps category codes to categories."""
    data = read_fixture("shop.json")
    ranges = {entry["name"]: _load_range(entry, categories, tally) for entry in data["ranges"]}
    for entry in data["site_offers"]:
        _load_offer(entry, ConditionalOffer.SITE, ranges, tally)
    for entry in data["vouchers"]:
        offer = _load_offer(entry["offer"], ConditionalOffer.VOUCHER, ranges, tally)
        _load_voucher(entry, offer, tally)


def _load_range(entry, categories, tally):
    product_range, created = Range.objects.get_or_create(
        name=entry["name"],
        defaults={
            "description": entry["description"],
            "includes_all_products": entry["includes_all_products"],
            "is_public": True,
        },
    )
    if created:
        product_range.included_categories.add(*(categories[code] for code in entry["categories"]))
    tally.count("ranges", created)
    return product_range


def _load_offer(entry, offer_type, ranges, tally):
    offer = ConditionalOffer.objects.filter(name=entry["name"]).first()
    created = offer is None
    if created:
        product_range = ranges[entry["range"]]
        condition, benefit = entry["condition"], entry["benefit"]
        offer = ConditionalOffer.objects.create(
            name=entry["name"],
            description=entry["description"],
            offer_type=offer_type,
            status=ConditionalOffer.OPEN,
            priority=entry.get("priority", 0),
            condition=Condition.objects.create(
                range=product_range, type=condition["type"], value=Decimal(condition["value"])
            ),
            benefit=Benefit.objects.create(
                range=product_range, type=benefit["type"], value=Decimal(benefit["value"])
            ),
            # No start or end: the offer runs until a shop manager suspends it in the dashboard.
            start_datetime=None,
            end_datetime=None,
        )
    tally.count("offers", created)
    return offer


def _load_voucher(entry, offer, tally):
    # Oscar stores voucher codes upper-cased.
    voucher = Voucher.objects.filter(code=entry["code"].upper()).first()
    created = voucher is None
    if created:
        valid_from = timezone.now()
        voucher = Voucher.objects.create(
            code=entry["code"],
            name=entry["name"],
            usage=entry["usage"],
            start_datetime=valid_from,
            end_datetime=valid_from + timedelta(days=entry["valid_for_days"]),
        )
        voucher.offers.add(offer)
    tally.count("vouchers", created)
    return voucher
