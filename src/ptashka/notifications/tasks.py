"""Celery tasks of notifications; every one is safe to run twice (see outbox.deliver)."""

from celery import shared_task
from oscar.core.loading import get_model

from ptashka.background.retry import delivery_task_options

from . import alerts, baskets, orders, outbox, stock

Order = get_model("order", "Order")


@shared_task(**delivery_task_options())
def send_email(self, outgoing_email_id):
    return outbox.deliver_email(outgoing_email_id)


@shared_task(**delivery_task_options())
def send_sms(self, outgoing_sms_id):
    return outbox.deliver_sms(outgoing_sms_id)


@shared_task
def requeue_unsent_messages():
    """Beat task: emails and SMS whose first hand-over to the broker was lost."""
    return outbox.requeue_unsent()


@shared_task
def notify_managers_of_new_order(order_id):
    orders.notify_managers_of_new_order(Order.objects.get(pk=order_id))


@shared_task
def notify_customer_of_status(order_id, new_status):
    order = Order.objects.select_related("user", "shipping_address").get(pk=order_id)
    orders.notify_customer_of_status(order, new_status)


@shared_task
def send_product_alerts(product_id):
    alerts.send_alerts_for_product(product_id)


@shared_task
def remind_abandoned_baskets():
    """Beat task: one reminder task per abandoned basket, so one bad basket cannot stop the rest."""
    basket_ids = list(baskets.abandoned_baskets().values_list("pk", flat=True))
    for basket_id in basket_ids:
        remind_about_basket.delay(basket_id)
    return len(basket_ids)


@shared_task
def remind_about_basket(basket_id):
    return baskets.remind_about_basket(basket_id)


@shared_task
def send_low_stock_digest():
    return stock.send_low_stock_digest()
