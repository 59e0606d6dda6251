"""The beat schedule names tasks that exist and routes each kind of work to its queue."""

from django.conf import settings

from ptashka.celery import app


def test_every_scheduled_task_is_a_registered_task():
    app.loader.import_default_modules()

    missing = [
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] not in app.tasks
    ]

    assert missing == []
    assert {
        "ptashka.notifications.tasks.remind_abandoned_baskets",
        "ptashka.notifications.tasks.send_low_stock_digest",
        "ptashka.analytics.tasks.export_yesterday",
    } <= {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}


def test_emails_and_exports_have_their_own_queues():
    router = app.amqp.router

    assert router.route({}, "ptashka.notifications.tasks.send_email")["queue"].name == "emails"
    assert router.route({}, "ptashka.analytics.tasks.export_analytics_for_day")["queue"].name == "exports"
    assert router.route({}, "ptashka.payments.tasks.reconcile_payments")["queue"].name == "payments"


def test_reliability_settings_are_on():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.worker_prefetch_multiplier == 1
