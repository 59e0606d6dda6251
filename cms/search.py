"""The storefront's one search box: products and content pages ranked together, with product facets."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Min
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from oscar.core.loading import get_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms import shop
from cms.search_index import SearchableProduct
from ptashka.templatetags.shop_display import price_text, thumbnail_url

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")

# Enough for facet counts to be meaningful; a shopper refines rather than paging past fifty.
MAX_PRODUCTS = 200
MAX_RESULTS = 60
# Suggestions as the shopper types: a few products, from the second character on.
SUGGEST_MIN_CHARS = 2
SUGGEST_MAX_CHARS = 100
SUGGEST_COUNT = 6


@dataclass(frozen=True)
class PriceRange:
    key: str
    label: str
    low: Decimal | None
    high: Decimal | None

    def contains(self, price):
        if price is None:
            return False
        return (self.low is None or price >= self.low) and (self.high is None or price < self.high)


PRICE_RANGES = [
    PriceRange("under-25", "Under €25", None, Decimal("25")),
    PriceRange("25-50", "€25 to €50", Decimal("25"), Decimal("50")),
    PriceRange("50-100", "€50 to €100", Decimal("50"), Decimal("100")),
    PriceRange("100-up", "€100 and more", Decimal("100"), None),
]


@dataclass(frozen=True)
class Hit:
    """One search result: a product (with its live price) or a content page, and its relevance."""

    kind: str
    relevance: float
    item: object = None
    page: object = None


def relevance_of(backend, score):
    """Higher is better whatever the engine; SQLite's BM25 scores are better the lower they are."""
    score = float(score or 0)
    return -score if type(backend).__name__.startswith("SQLite") else score


class SearchView(TemplateView):
    template_name = "cms/search_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        query = request.GET.get("q", "").strip()
        chosen_category = request.GET.get("category", "")
        chosen_price = request.GET.get("price", "")
        context.update(query=query, chosen_category=chosen_category, chosen_price=chosen_price)
        if not query:
            context.update(hits=[], category_facets=[], price_facets=[])
            return context

        backend = get_search_backend()
        products = self.search_products(backend, query)
        prices = self.prices_of(products)
        category_facets = self.category_facets(products)
        price_facets = [
            (price_range, sum(1 for p in products if price_range.contains(prices.get(p.pk))))
            for price_range in PRICE_RANGES
        ]
        products = self.filter_products(products, prices, chosen_category, chosen_price)
        pages = [] if (chosen_category or chosen_price) else self.search_pages(backend, query)

        items = {item.product.pk: item for item in self.live_items(products)}
        hits = [
            Hit("product", relevance_of(backend, product._score), item=items[product.pk])
            for product in products
            if product.pk in items
        ]
        hits += [Hit("page", relevance_of(backend, page._score), page=page) for page in pages]
        hits.sort(key=lambda hit: hit.relevance, reverse=True)
        context.update(
            hits=hits[:MAX_RESULTS],
            product_count=len(products),
            page_count=len(pages),
            category_facets=[(c, n) for c, n in category_facets if n],
            price_facets=[(r, n) for r, n in price_facets if n],
        )
        return context

    def search_products(self, backend, query):
        candidates = SearchableProduct.objects.filter(is_public=True, parent_id=None)
        return list(backend.search(query, candidates).annotate_score("_score")[:MAX_PRODUCTS])

    def search_pages(self, backend, query):
        candidates = Page.objects.live().public().filter(depth__gt=1)
        return list(backend.search(query, candidates).annotate_score("_score")[:MAX_RESULTS])

    def prices_of(self, products):
        """The price a listing shows: a parent sells at its cheapest child's price."""
        price = Coalesce(Min("stockrecords__price"), Min("children__stockrecords__price"))
        ids = [product.pk for product in products]
        rows = SearchableProduct.objects.filter(pk__in=ids).annotate(price=price).values_list("pk", "price")
        return dict(rows)

    def category_facets(self, products):
        ids = [product.pk for product in products]
        counts = (
            ProductCategory.objects.filter(product_id__in=ids, category__is_public=True)
            .values("category")
            .annotate(n=Count("product", distinct=True))
        )
        by_id = {row["category"]: row["n"] for row in counts}
        categories = Category.objects.filter(pk__in=by_id).order_by("path")
        return [(category, by_id[category.pk]) for category in categories]

    def filter_products(self, products, prices, chosen_category, chosen_price):
        if chosen_category.isdigit():
            in_category = set(
                ProductCategory.objects.filter(
                    category_id=int(chosen_category), product_id__in=[p.pk for p in products]
                ).values_list("product_id", flat=True)
            )
            products = [p for p in products if p.pk in in_category]
        price_range = next((r for r in PRICE_RANGES if r.key == chosen_price), None)
        if price_range is not None:
            products = [p for p in products if price_range.contains(prices.get(p.pk))]
        return products

    def live_items(self, products):
        fetched = shop.products_by_ids([product.pk for product in products[:MAX_RESULTS]])
        return shop.shop_items(fetched, self.request, include_unavailable=True)


@require_GET
def suggest(request):
    """Products whose titles begin with what the shopper has typed, for the header's search box.

    Each has its live price (Oscar's strategy) and a small picture. A query that is too short or too
    long answers an empty list: the box only suggests, the full search page decides.
    """
    query = request.GET.get("q", "").strip()
    if not SUGGEST_MIN_CHARS <= len(query) <= SUGGEST_MAX_CHARS:
        return _suggestions(query, [])
    backend = get_search_backend()
    candidates = SearchableProduct.objects.filter(is_public=True, parent_id=None)
    found = list(backend.autocomplete(query, candidates)[:SUGGEST_COUNT])
    if len(found) < SUGGEST_COUNT:
        seen = {product.pk for product in found}
        more = backend.search(query, candidates)[: SUGGEST_COUNT * 2]
        found += [product for product in more if product.pk not in seen][: SUGGEST_COUNT - len(found)]
    fetched = shop.products_by_ids([product.pk for product in found])
    items = shop.shop_items([p for p in fetched if p is not None], request, include_unavailable=True)
    return _suggestions(
        query,
        [
            {
                "title": item.product.get_title(),
                "url": item.product.get_absolute_url(),
                "price": price_text(item.price),
                "image": thumbnail_url(item.product, "96x96"),
            }
            for item in items
        ],
    )


def _suggestions(query, results):
    response = JsonResponse({"query": query, "results": results})
    # The same words give the same answer until the catalogue changes; a minute in the browser is plenty.
    response["Cache-Control"] = "public, max-age=60"
    return response
