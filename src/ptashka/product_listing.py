"""Products as the storefront lists them: browsable, with what Oscar's strategy reads to price them."""

from django.db.models import Exists, OuterRef
from oscar.core.loading import get_model

Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")


def browsable_products():
    """Public standalone and parent products, with their public variants and stock records prefetched.

    Oscar's strategy prices a parent product from its public children's stock records; fetched up
    front, a listing's query count does not grow with the number of products on it. A card needs
    only the stock records, the images and whether the product has options: the two option flags
    are annotations (as Oscar's ``base_queryset`` makes them), so the options themselves and the
    unfiltered children Oscar's base queryset also prefetches are not fetched.
    """
    public_children = Product.objects.public().prefetch_related("stockrecords")
    return (
        Product.objects.browsable()
        .select_related("product_class")
        .annotate(
            has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related("stockrecords", "images")
        .prefetch_public_children(public_children)
    )
