"""Celery tasks of the payments bridges (queue "payments")."""

from celery import shared_task

from .facade import reconcile_payments


@shared_task(name="ptashka.payments.tasks.reconcile_payments", acks_late=True)
def reconcile_payments_task():
    return reconcile_payments()
