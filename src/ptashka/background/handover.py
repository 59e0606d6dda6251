"""Handing a task to the broker from inside a request: one quick try, never an error for the shopper.

A request that commits an order must not wait for a broker that is down: Celery's defaults retry
the publish and, with the Redis result backend, retry subscribing to the task's result for ~19 s
more per task. Here the publish is tried once (CELERY_BROKER_CONNECTION_TIMEOUT bounds it) and
nobody subscribes to a result no request reads. What fails stays in the database for the beat
job that hands it over again (outbox rows: ptashka.notifications.tasks.requeue_unsent_messages).
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

# What publishing to an unreachable broker raises: kombu's wrapper of redis-py's connection and
# timeout errors, or a bare socket error.
BROKER_UNREACHABLE = (OperationalError, OSError)

logger = logging.getLogger(__name__)


def hand_to_worker(task, *args):
    """Queue ``task(*args)`` for a worker; False (and a warning) when the broker did not take it."""
    try:
        task.apply_async(args, retry=False, ignore_result=True)
    except BROKER_UNREACHABLE as exc:
        logger.warning("The broker did not take %s%r: %s: %s", task.name, args, exc.__class__.__name__, exc)
        return False
    return True


def hand_to_worker_after_commit(task, *args, otherwise=None):
    """Queue ``task(*args)`` once the surrounding transaction commits, so it sees committed rows.

    ``otherwise`` runs here when the broker did not take the task: for work that only records
    outbox rows, doing it in the request keeps it from being lost (the rows get requeued).
    """

    def hand_over():
        if hand_to_worker(task, *args) or otherwise is None:
            return
        try:
            otherwise()
        except Exception:
            logger.exception("Could not do %s%r in the request either", task.name, args)

    # robust: anything else failing (a task run eagerly, in the embedded default) is logged by
    # Django and never undoes or breaks the request that committed.
    transaction.on_commit(hand_over, robust=True)
