"""The shop's order pipeline: what happens when an order is paid, cancelled, refunded or dispatched.

Every status move, payment event and shipping event goes through this EventHandler: the
dashboard's (Oscar's views build it with get_class("order.processing", "EventHandler")) and the
payments facade's recorder. Its side effects are explicit calls here,
not signal receivers: the customer's emails and SMS (ptashka.notifications.orders), the live
order pages (ptashka.realtime.publishing), stock given back, and capture at dispatch.
"""

from django.conf import settings
from oscar.apps.order import processing
from oscar.core.loading import get_model

from ptashka.notifications import orders as notifications
from ptashka.realtime import publishing

PaymentEventType = get_model("order", "PaymentEventType")

PAID = "Paid"
CANCELLED = "Cancelled"
REFUNDED_EVENT = "Refunded"  # the payment event name of a refund, as live pages and snapshots read it


class EventHandler(processing.EventHandler):
    # Placing
    # -------

    def handle_order_placed(self, order):
        """A new order (called by our OrderCreator): shop managers hear of it by email and live."""
        notifications.tell_managers_of_new_order(order)
        publishing.order_placed(order)

    # Statuses
    # --------

    def handle_order_status_change(self, order, new_status, note_msg=None):
        """A person moves the order (the dashboard): the provider is told first, then the order moves.

        At dispatch the held money is taken; at cancellation every payment that could still be
        charged or holds money is given up at the provider, and an order whose money was taken is
        refused (refund it). A provider that fails raises a PaymentError the dashboard shows, before
        the status moves, so an order is never shown dispatched with its money only held, or
        cancelled with a payment still open.
        """
        if new_status == order.status:
            return
        if new_status in order.available_statuses():
            if new_status == settings.ORDER_DISPATCHED_STATUS:
                self.capture_held_payment(order)
            elif new_status == CANCELLED:
                self.give_up_payments(order)
                order.refresh_from_db(fields=["status"])  # the provider's cancellation may have moved it
        self.move(order, new_status, note_msg=note_msg)

    def move_along_pipeline(self, order, new_status):
        """Move only where the pipeline allows: a late or repeated event never moves an order back.

        The payments recorder's way in: the provider has already spoken, so nothing is asked of it.
        """
        if order.status == new_status or new_status not in order.available_statuses():
            return False
        self.move(order, new_status)
        return True

    def move(self, order, new_status, note_msg=None):
        if new_status == order.status:
            return
        super().handle_order_status_change(order, new_status, note_msg=note_msg)
        self.status_changed(order, new_status)

    def status_changed(self, order, new_status):
        """Everything an order reaching a status sets off, in one place."""
        if new_status == CANCELLED:
            self.cancel_stock_allocations(order)
        if self.tells_customer(order, new_status):
            # Paid sends "payment received" (every gateway); the dispatched status, tracking and SMS.
            notifications.tell_customer_of_status(order, new_status)
        publishing.order_changed(order.number, "status", status=new_status)

    def tells_customer(self, order, new_status):
        """A free order (a voucher paid it all) is Paid at once: there is no payment to announce."""
        if new_status == PAID and not order.total_incl_tax:
            return False
        return new_status not in settings.ORDER_STATUSES_NOT_EMAILED

    def capture_held_payment(self, order):
        # Lazy: the payments facade records through this handler.
        from ptashka.payments import facade

        facade.capture_payment(order)

    def give_up_payments(self, order):
        from ptashka.payments import facade

        facade.give_up_order_payments(order)

    # Payments
    # --------

    def handle_payment_event(self, order, event_type, amount, lines=None, line_quantities=None, **kwargs):
        event = super().handle_payment_event(order, event_type, amount, lines, line_quantities, **kwargs)
        if event_type.name == REFUNDED_EVENT:
            # Captures come with a status change already; a (partial) refund may come alone.
            publishing.order_changed(order.number, "refund")
        return event

    def record_payment_event(self, order, name, amount, reference=""):
        """A payment event named as the payments recorder names it (Paid, Authorised, Refunded...)."""
        event_type, _created = PaymentEventType.objects.get_or_create(name=name)
        return self.handle_payment_event(order, event_type, amount, reference=reference)

    def record_capture(self, order, source, amount, reference):
        source.debit(amount, reference=reference)
        self.record_payment_event(order, "Paid", amount, reference)
        self.move_along_pipeline(order, PAID)

    def record_authorisation(self, order, source, amount, reference):
        source.allocate(amount, reference=reference)
        self.record_payment_event(order, "Authorised", amount, reference)
        self.move_along_pipeline(order, "Authorised")

    def record_refund(self, order, source, amount, reference, fully_refunded):
        source.refund(amount, reference=reference)
        self.record_payment_event(order, REFUNDED_EVENT, amount, reference)
        if fully_refunded():
            self.move_along_pipeline(order, "Refunded")

    # Shipping
    # --------

    def handle_shipping_event(self, order, event_type, lines, line_quantities, **kwargs):
        event = super().handle_shipping_event(order, event_type, lines, line_quantities, **kwargs)
        publishing.order_changed(order.number, "shipping")
        return event

    # Stock
    # -----

    def cancel_stock_allocations(self, order, lines=None, line_quantities=None):
        """Give back what the order still holds, through Oscar's locked Line.cancel_allocation."""
        if lines is None:
            # Stock rows locked in one order, so two cancellations cannot deadlock.
            lines = [line for line in order.lines.order_by("stockrecord_id", "pk") if line.num_allocated]
            line_quantities = [line.num_allocated for line in lines]
        if lines:
            super().cancel_stock_allocations(order, lines, line_quantities)
