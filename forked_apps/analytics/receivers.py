"""Oscar's analytics receivers, with counters that two requests can create at the same moment.

Oscar's version inserts a missing counter row and, when a concurrent request inserted it first,
catches the IntegrityError and updates instead. Inside the request's transaction (ATOMIC_REQUESTS)
PostgreSQL has by then aborted the whole transaction, so the first add-to-basket calls for a
product made at once answered 500. Here a missing row is inserted with ON CONFLICT DO NOTHING
(which waits for the other insert and then skips), and the counter is always raised by an UPDATE.
"""

from django.db.models import F
from django.dispatch import receiver
from oscar.apps.basket.signals import basket_addition
from oscar.apps.catalogue.signals import product_viewed
from oscar.apps.order.signals import order_placed
from oscar.apps.search.signals import user_search
from oscar.core.loading import get_model

from ptashka.background.handover import hand_to_worker_after_commit

ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")
UserRecord = get_model("analytics", "UserRecord")
UserSearch = get_model("analytics", "UserSearch")


def add_to_counters(model, owner, increments, also_set=None):
    """Add `increments` to the counters of `owner`'s record ({"product": …} or {"user": …}), made if new."""
    changes = {name: F(name) + amount for name, amount in increments.items()}
    changes.update(also_set or {})
    if model.objects.filter(**owner).update(**changes):
        return
    model.objects.bulk_create([model(**owner)], ignore_conflicts=True)
    model.objects.filter(**owner).update(**changes)


@receiver(product_viewed)
def receive_product_view(sender, product, user, **kwargs):
    if kwargs.get("raw", False):
        return
    from .tasks import record_product_view  # the task module imports this one

    # Three writes, one of them to the product's single counter row that every concurrent view of
    # it waits on: a worker does them. A view not counted while the broker is down is no loss.
    user_id = user.pk if user and user.is_authenticated else None
    hand_to_worker_after_commit(record_product_view, product.pk, user_id)


@receiver(user_search)
def receive_product_search(sender, query, user, **kwargs):
    if user and user.is_authenticated and not kwargs.get("raw", False):
        UserSearch._default_manager.create(user=user, query=query)


@receiver(basket_addition)
def receive_basket_addition(sender, product, user, **kwargs):
    if kwargs.get("raw", False):
        return
    add_to_counters(ProductRecord, {"product": product}, {"num_basket_additions": 1})
    if user and user.is_authenticated:
        add_to_counters(UserRecord, {"user": user}, {"num_basket_additions": 1})


@receiver(order_placed)
def receive_order_placed(sender, order, user, **kwargs):
    if kwargs.get("raw", False):
        return
    for line in order.lines.all():
        add_to_counters(ProductRecord, {"product_id": line.product_id}, {"num_purchases": line.quantity})
    if user and user.is_authenticated:
        add_to_counters(
            UserRecord,
            {"user": user},
            {
                "num_orders": 1,
                "num_order_lines": order.num_lines,
                "num_order_items": order.num_items,
                "total_spent": order.total_incl_tax,
            },
            also_set={"date_last_order": order.date_placed},
        )
