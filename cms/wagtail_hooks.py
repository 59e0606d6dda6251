"""Wagtail admin wiring: Oscar product, category and offer choosers, their usage views, campaign offers."""

from django.urls import path
from oscar.core.loading import get_model
from wagtail import hooks

from cms.choosers import category_chooser_viewset, offer_chooser_viewset, product_chooser_viewset
from cms.landing import LandingPage
from cms.usage import ShopObjectUsageView

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


@hooks.register("register_admin_viewset")
def register_shop_choosers():
    return [product_chooser_viewset, category_chooser_viewset, offer_chooser_viewset]


@hooks.register("register_admin_urls")
def register_shop_usage_urls():
    # Which pages show a product or category: ask before deleting it in the dashboard.
    return [
        path(
            "shop/products/<int:pk>/usage/",
            ShopObjectUsageView.as_view(model=Product),
            name="shop_product_usage",
        ),
        path(
            "shop/categories/<int:pk>/usage/",
            ShopObjectUsageView.as_view(model=Category),
            name="shop_category_usage",
        ),
    ]


# Before, not after: a scheduled revision's dates are on the page being published, not yet on the
# live page the editor reloads afterwards.
@hooks.register("before_publish_page")
def start_campaign_offer_with_its_page(request, page):
    if isinstance(page, LandingPage):
        page.align_offer_with_schedule()
