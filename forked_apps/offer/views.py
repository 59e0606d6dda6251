"""Oscar's offer pages, with the price each listed product has under the site's offers.

Their product cards (the shop's one card) strike the normal price through when an offer takes
something off one unit; forked_apps.offer.display prices a page's products in a fixed number of
queries, as the catalogue listings do.
"""

from oscar.apps.offer import views

from .display import offer_prices

# On the list page each offer shows this many of its products (Oscar's template slices as many).
PRODUCTS_PER_OFFER = 12


class OfferListView(views.OfferListView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = [product for offer in context["offers"] for product in offer.products()[:PRODUCTS_PER_OFFER]]
        context["offer_prices"] = offer_prices(shown, request=self.request)
        return context


class OfferDetailView(views.OfferDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["offer_prices"] = offer_prices(list(context["products"]), request=self.request)
        return context


class RangeDetailView(views.RangeDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["offer_prices"] = offer_prices(list(context["products"]), request=self.request)
        return context
