"""Products as the storefront lists them: browsable, with what Oscar's strategy reads to price them."""

from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


def browsable_products():
    """Public standalone and parent products, with their public variants and stock records prefetched.

    Oscar's strategy prices a parent product from its public children's stock records; fetched up
    front, a listing's query count does not grow with the number of products on it.
    """
    public_children = Product.objects.public().prefetch_related("stockrecords")
    return Product.objects.browsable().base_queryset().prefetch_public_children(public_children)
