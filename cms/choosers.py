"""Admin choosers that let merchandisers pick Oscar products (by title or UPC), categories and offers."""

from django import forms
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.viewsets.chooser import ChooserViewSet


class ShopSearchForm(BaseFilterForm):
    """The chooser's search box: `choosable` narrows what may be picked, `matching` applies the words."""

    q = forms.CharField(label="Search", required=False)

    def choosable(self, objects):
        return objects

    def matching(self, objects, query):
        return objects.filter(name__icontains=query)

    def filter(self, objects):
        objects = self.choosable(super().filter(objects))
        query = self.cleaned_data.get("q", "").strip()
        if query:
            objects = self.matching(objects, query)
            self.is_searching = True
            self.search_query = query
        return objects


class ProductSearchForm(ShopSearchForm):
    q = forms.CharField(
        label="Search products",
        widget=forms.TextInput(attrs={"placeholder": "Title or UPC"}),
        required=False,
    )

    def choosable(self, objects):
        # Variants are bought through their parent's page, so blocks reference the parent.
        return objects.filter(parent=None)

    def matching(self, objects, query):
        return objects.filter(Q(title__icontains=query) | Q(upc__iexact=query))


class CategorySearchForm(ShopSearchForm):
    q = forms.CharField(label="Search categories", required=False)


class OfferSearchForm(ShopSearchForm):
    q = forms.CharField(label="Search offers", required=False)

    def choosable(self, objects):
        # Voucher offers apply only with a code, so a banner can only advertise site offers.
        return objects.filter(offer_type="Site")


class ShopChooserViewSet(ChooserViewSet):
    """A chooser over an Oscar model, searched with its own ShopSearchForm."""

    search_form_class = ShopSearchForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(filter_form_class=self.search_form_class, **kwargs)


class ProductChooserViewSet(ShopChooserViewSet):
    model = "catalogue.Product"
    search_form_class = ProductSearchForm
    icon = "tag"
    choose_one_text = "Choose a product"
    choose_another_text = "Choose another product"
    edit_item_text = "Edit in the shop dashboard"
    per_page = 20


class CategoryChooserViewSet(ShopChooserViewSet):
    model = "catalogue.Category"
    search_form_class = CategorySearchForm
    icon = "folder-open-inverse"
    choose_one_text = "Choose a category"
    choose_another_text = "Choose another category"
    per_page = 30


class OfferChooserViewSet(ShopChooserViewSet):
    model = "offer.ConditionalOffer"
    search_form_class = OfferSearchForm
    icon = "tag"
    choose_one_text = "Choose an offer"
    choose_another_text = "Choose another offer"
    per_page = 30


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="shop/products")
category_chooser_viewset = CategoryChooserViewSet("category_chooser", url_prefix="shop/categories")
offer_chooser_viewset = OfferChooserViewSet("offer_chooser", url_prefix="shop/offers")
