"""Admin views listing the pages that show a given Oscar product or category (Wagtail's reference index)."""

from wagtail.admin.views.generic.usage import UsageView


class ShopObjectUsageView(UsageView):
    """Wagtail's usage listing for a shop object; chooser blocks put their products in the reference index."""

    # Any Wagtail editor may see where a product is used; the dashboard decides who edits it.
    permission_required = None
    usage_url_name_by_model = {"product": "shop_product_usage", "category": "shop_category_usage"}

    def get_usage_url(self, instance):
        from django.urls import reverse

        return reverse(self.usage_url_name_by_model[self.model._meta.model_name], args=(instance.pk,))
