"""Catalogue browsing from the database, with Oscar's URLs, templates, sorting and pagination.

Oscar 4.2 browses the catalogue through haystack. Haystack's simple backend turns Oscar's
"public, standalone or parent" filters into search words, so it finds no products at all; a real
search server is not something the embedded default can require. These views list the same
products with the ORM instead. Oscar's catalogue app serves them at its own URLs: its
`catalogue.views` takes `CatalogueView` and `ProductCategoryView` from this app.
"""

import hashlib
from urllib.parse import unquote

from django.conf import settings
from django.contrib import messages
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_class, get_model

from forked_apps.offer.display import offer_prices
from ptashka.category_tree import CategoryTree
from ptashka.page_cache import shared_content
from ptashka.product_listing import browsable_products

BrowseSortForm = get_class("search.forms", "BrowseSortForm")
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")


def lowest_price(**product_lookup):
    """The lowest stock record price of the products ``product_lookup`` names, for one product row."""
    prices = StockRecord.objects.filter(price__isnull=False, **product_lookup).order_by("price")
    return Subquery(prices.values("price")[:1])


class KeptCountPaginator(Paginator):
    """Pages whose total is counted once per worker and content generation.

    The total is a COUNT(*) over every browsable product of the listing (7 ms at 10k products, and
    growing with the catalogue); it only changes when products, stock or categories do, and each
    such save moves the content generation on (ptashka.page_cache.shared_content).
    """

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    @cached_property
    def count(self):
        unordered = self.object_list.order_by()
        sql, params = unordered.query.sql_with_params()
        digest = hashlib.blake2b(repr((sql, params)).encode(), digest_size=16).hexdigest()
        return shared_content.kept(f"listing_count:{digest}", unordered.count, self.request)


class CatalogueView(ListView):
    """All browsable products."""

    context_object_name = "products"
    template_name = "oscar/catalogue/browse.html"
    paginator_class = KeptCountPaginator

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return super().get_paginator(
            queryset, per_page, orphans, allow_empty_first_page, request=self.request, **kwargs
        )

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.form = BrowseSortForm(request.GET)
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            messages.error(request, _("The given page number was invalid."))
            return redirect(self.first_page_url())

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except InvalidPage as exc:
            raise Http404(str(exc)) from exc

    def first_page_url(self):
        return redirect("catalogue:index").url

    def products(self):
        return browsable_products()

    def get_queryset(self):
        products = self.products()
        ordering = self.form.ordering()
        if self.form.sorts_by_price():
            # A parent product sells at its cheapest child's price. Only the price sorts need it:
            # each product's price is two index probes, where a join and GROUP BY over every
            # stock record made the default listing and its COUNT aggregate the whole catalogue.
            own = lowest_price(product=OuterRef("pk"))
            variants = lowest_price(product__parent=OuterRef("pk"))
            products = products.annotate(browse_price=Coalesce(own, variants))
        return products.order_by(*ordering)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["summary"] = _("All products")
        # What a site offer takes off one unit of each listed product, in a fixed number of queries.
        context["offer_prices"] = offer_prices(list(context["products"]), request=self.request)
        return context


class ProductCategoryView(CatalogueView):
    """Browsable products in a category and its subcategories."""

    template_name = "oscar/catalogue/category.html"
    enforce_paths = True

    def get(self, request, *args, **kwargs):
        self.categories = CategoryTree.for_request(request)
        self.category = self.categories.by_pk.get(int(self.kwargs["pk"]))
        # Staff may look at hidden categories to check their layout.
        if self.category is None or not (self.category.is_public or request.user.is_staff):
            raise Http404()
        expected_path = self.categories.url(self.category)
        if self.enforce_paths and unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def first_page_url(self):
        return self.categories.url(self.category)

    def products(self):
        in_category = ProductCategory.objects.filter(
            product=OuterRef("pk"),
            category__in=[category.pk for category in self.categories.descendants_and_self(self.category)],
        )
        return super().products().filter(Exists(in_category))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["category_ancestors"] = [
            (ancestor, self.categories.url(ancestor)) for ancestor in self.categories.ancestors(self.category)
        ]
        context["summary"] = self.category.name
        return context
