"""Admin choosers that let merchandisers pick Oscar products (by title or UPC), categories and offers."""

from django import forms
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.viewsets.chooser import ChooserViewSet


class ProductSearchForm(BaseFilterForm):
    q = forms.CharField(
        label="Search products",
        widget=forms.TextInput(attrs={"placeholder": "Title or UPC"}),
        required=False,
    )

    def filter(self, objects):
        # Variants are bought through their parent's page, so blocks reference the parent.
        objects = super().filter(objects).filter(parent=None)
        query = self.cleaned_data.get("q", "").strip()
        if query:
            objects = objects.filter(Q(title__icontains=query) | Q(upc__iexact=query))
            self.is_searching = True
            self.search_query = query
        return objects


class CategorySearchForm(BaseFilterForm):
    q = forms.CharField(label="Search categories", required=False)

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q", "").strip()
        if query:
            objects = objects.filter(name__icontains=query)
            self.is_searching = True
            self.search_query = query
        return objects


class OfferSearchForm(BaseFilterForm):
    q = forms.CharField(label="Search offers", required=False)

    def filter(self, objects):
        # Voucher offers apply only with a code, so a banner can only advertise site offers.
        objects = super().filter(objects).filter(offer_type="Site")
        query = self.cleaned_data.get("q", "").strip()
        if query:
            objects = objects.filter(name__icontains=query)
            self.is_searching = True
            self.search_query = query
        return objects


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = "Choose a product"
    choose_another_text = "Choose another product"
    edit_item_text = "Edit in the shop dashboard"
    per_page = 20

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(filter_form_class=ProductSearchForm, **kwargs)


class CategoryChooserViewSet(ChooserViewSet):
    model = "catalogue.Category"
    icon = "folder-open-inverse"
    choose_one_text = "Choose a category"
    choose_another_text = "Choose another category"
    per_page = 30

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(filter_form_class=CategorySearchForm, **kwargs)


class OfferChooserViewSet(ChooserViewSet):
    model = "offer.ConditionalOffer"
    icon = "tag"
    choose_one_text = "Choose an offer"
    choose_another_text = "Choose another offer"
    per_page = 30

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(filter_form_class=OfferSearchForm, **kwargs)


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="shop/products")
category_chooser_viewset = CategoryChooserViewSet("category_chooser", url_prefix="shop/categories")
offer_chooser_viewset = OfferChooserViewSet("offer_chooser", url_prefix="shop/offers")
