"""The offer applicator: Oscar's, asking each offer's ranges about the whole basket at once."""

from django.db.models import prefetch_related_objects
from oscar.apps.offer import applicator

from .models import hold_products_in_ranges


class Applicator(applicator.Applicator):
    def get_offers(self, basket, user=None, request=None):
        # Both applying the offers and the basket page's upsell messages start here.
        self.request = request
        if basket.id:
            # Loaded once for the request's applications; adding a voucher clears it (Django's
            # related manager forgets prefetched rows when they change).
            prefetch_related_objects([basket], "vouchers")
        offers = super().get_offers(basket, user, request)
        products = [line.product for line in basket.all_lines()] if basket.id else []
        if products:
            hold_products_in_ranges(shared_ranges(offers), products)
        return offers

    def get_site_offers(self):
        """The site's offers, loaded once per request however often offers are applied in it.

        A request applies them in the basket middleware and again for the basket page's upsell
        messages (and oscar-api's views once more); the site's offers, unlike a basket's
        vouchers, cannot change within one request.
        """
        request = getattr(self, "request", None)
        if request is None:
            return super().get_site_offers()
        if not hasattr(request, "_site_offers"):
            request._site_offers = list(super().get_site_offers())
        return request._site_offers


def shared_ranges(offers):
    """The ranges the offers' conditions and benefits read, one instance per range for them all.

    Each condition and benefit loads its own copy of a range (often the same one); sharing it
    means each range is loaded, and asked about the basket, once for all of them.
    """
    ranges = {}
    for offer in offers:
        for part in (offer.condition, offer.benefit):
            if part.range_id is None:
                continue
            if part.range_id not in ranges:
                ranges[part.range_id] = part.range
            part._state.fields_cache["range"] = ranges[part.range_id]
    return [offer_range for offer_range in ranges.values() if hasattr(offer_range, "hold_products")]
