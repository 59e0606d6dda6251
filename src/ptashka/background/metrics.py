"""Per-task success, failure and retry counters, kept in the cache so every worker adds to them."""

from celery.signals import task_failure, task_retry, task_success
from django.core.cache import cache

OUTCOMES = ("success", "failure", "retry")


def counter_key(task_name, outcome):
    return f"tasks:{task_name}:{outcome}"


def count(task_name, outcome):
    key = counter_key(task_name, outcome)
    # add() is a no-op when the key exists, so concurrent workers never reset each other's counts.
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add() and incr(): start again from one
        cache.set(key, 1, timeout=None)


def task_counters(task_names):
    """{task name: {"success": n, "failure": n, "retry": n}} for the metrics endpoint to come."""
    keys = {counter_key(name, outcome): (name, outcome) for name in task_names for outcome in OUTCOMES}
    found = cache.get_many(list(keys))
    counters = {name: dict.fromkeys(OUTCOMES, 0) for name in task_names}
    for key, value in found.items():
        name, outcome = keys[key]
        counters[name][outcome] = value
    return counters


def on_success(sender=None, **kwargs):
    count(sender.name, "success")


def on_failure(sender=None, **kwargs):
    count(sender.name, "failure")


def on_retry(sender=None, **kwargs):
    count(sender.name, "retry")


def connect():
    task_success.connect(on_success, weak=False, dispatch_uid="ptashka.task_success")
    task_failure.connect(on_failure, weak=False, dispatch_uid="ptashka.task_failure")
    task_retry.connect(on_retry, weak=False, dispatch_uid="ptashka.task_retry")
