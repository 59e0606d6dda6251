"""Models of the analytics app: Oscar's, unchanged."""

from oscar.apps.analytics.models import *  # noqa: F403
