"""Ptashka's fork of Oscar's communication app (its Dispatcher queues emails for the Celery worker)."""
