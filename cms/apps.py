"""App config for the Wagtail content app; label "cms" keeps clear of Oscar's labels."""

from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = "Content"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from oscar.core.loading import get_model

        from cms.search_index import (
            remove_product_from_index,
            update_product_categories_in_index,
            update_product_in_index,
        )

        # Oscar saves its own Product class, not our searchable proxy, so Wagtail's own index
        # signals never see a product change: these keep the search index current instead.
        Product = get_model("catalogue", "Product")
        post_save.connect(update_product_in_index, sender=Product, dispatch_uid="cms-index-product")
        post_delete.connect(remove_product_from_index, sender=Product, dispatch_uid="cms-unindex-product")
        m2m_changed.connect(
            update_product_categories_in_index,
            sender=Product.categories.through,
            dispatch_uid="cms-index-product-categories",
        )
