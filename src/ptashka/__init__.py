"""Ptashka: a content-driven commerce platform on django-oscar and Wagtail."""

from .celery import app as celery_app

__all__ = ["celery_app"]
