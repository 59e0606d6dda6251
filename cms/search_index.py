"""Shop products in Wagtail's search index, so one search engine ranks products and pages together."""

from oscar.core.loading import get_model
from wagtail.search import index

Product = get_model("catalogue", "Product")


class SearchableProduct(index.Indexed, Product):
    """Oscar's product as the search index sees it: title, UPC and description, browsable ones only."""

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("upc", boost=5),
        index.SearchField("description"),
        # A shopper searching "ceramics" wants what is in the Ceramics category.
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.FilterField("is_public"),
        index.FilterField("parent_id"),
        index.FilterField("structure"),
    ]

    class Meta:
        proxy = True
        verbose_name = "searchable product"

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.filter(parent=None)


def update_product_in_index(sender, instance, **kwargs):
    """Index a saved product (children are searched through their parent, so they are skipped)."""
    if instance.parent_id is None:
        index.insert_or_update_object(SearchableProduct.objects.get(pk=instance.pk))


def update_product_categories_in_index(sender, instance, action, reverse, **kwargs):
    """A product moved into or out of a category is found under its new category's name."""
    if action in {"post_add", "post_remove", "post_clear"} and not reverse:
        update_product_in_index(sender, instance)


def remove_product_from_index(sender, instance, **kwargs):
    product = SearchableProduct(pk=instance.pk)
    index.remove_object(product)
