"""Catalogue browsing from the database, with Oscar's URLs, templates, sorting and pagination.

Oscar 4.2 browses the catalogue through haystack. Haystack's simple backend turns Oscar's
"public, standalone or parent" filters into search words, so it finds no products at all; a real
search server is not something the embedded default can require. These views list the same
products with the ORM instead. Oscar's catalogue app serves them at its own URLs: its
`catalogue.views` takes `CatalogueView` and `ProductCategoryView` from this app.
"""

from urllib.parse import unquote

from django.conf import settings
from django.contrib import messages
from django.core.paginator import InvalidPage
from django.db.models import Min
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_class, get_model

from ptashka.product_listing import browsable_products

BrowseSortForm = get_class("search.forms", "BrowseSortForm")
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


class CatalogueView(ListView):
    """All browsable products."""

    context_object_name = "products"
    template_name = "oscar/catalogue/browse.html"

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
        # A parent product sells at its cheapest child's price.
        price = Coalesce(Min("stockrecords__price"), Min("children__stockrecords__price"))
        return self.products().annotate(browse_price=price).order_by(*self.form.ordering())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["summary"] = _("All products")
        return context


class ProductCategoryView(CatalogueView):
    """Browsable products in a category and its subcategories."""

    template_name = "oscar/catalogue/category.html"
    enforce_paths = True

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=self.kwargs["pk"])
        # Staff may look at hidden categories to check their layout.
        if not (self.category.is_public or request.user.is_staff):
            raise Http404()
        expected_path = self.category.get_absolute_url()
        if self.enforce_paths and unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def first_page_url(self):
        return self.category.get_absolute_url()

    def products(self):
        descendants = self.category.get_descendants_and_self()
        in_category = Product.objects.filter(categories__in=descendants).values("pk")
        return super().products().filter(pk__in=in_category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context
