"""Back-in-stock alerts: Oscar's product alerts, checked by a task after a stock change commits."""

from django.db.models.signals import post_save
from oscar.core.loading import get_class, get_model

from ptashka.background.handover import hand_to_worker_after_commit

AlertsDispatcher = get_class("customer.alerts.utils", "AlertsDispatcher")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def send_alerts_for_product(product_id):
    """Oscar's own sending: it closes each alert it sends, so running it twice sends nothing new."""
    product = Product.objects.filter(pk=product_id).first()
    if product is not None:
        AlertsDispatcher().send_product_alert_email_for_user(product)


def on_stock_record_saved(sender, instance, raw=False, **kwargs):
    from . import tasks

    if raw:  # loading fixtures
        return
    product_id = instance.product_id
    hand_to_worker_after_commit(tasks.send_product_alerts, product_id)


def connect():
    # Replaces Oscar's receiver, switched off by OSCAR_EAGER_ALERTS = False, which runs in the request.
    post_save.connect(on_stock_record_saved, sender=StockRecord, dispatch_uid="ptashka.notifications.alerts")
