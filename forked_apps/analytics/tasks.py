"""Recording what shoppers looked at, in a worker rather than in the request that showed it."""

from celery import shared_task
from oscar.core.loading import get_model

from .receivers import add_to_counters

ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")
UserRecord = get_model("analytics", "UserRecord")


@shared_task(ignore_result=True)
def record_product_view(product_id, user_id=None):
    """Count a view of the product, and of the shopper's views when one was signed in."""
    add_to_counters(ProductRecord, {"product_id": product_id}, {"num_views": 1})
    if user_id is not None:
        add_to_counters(UserRecord, {"user_id": user_id}, {"num_product_views": 1})
        UserProductView.objects.create(product_id=product_id, user_id=user_id)
