"""Models of the order app: Oscar's, until a model here needs to change."""

from oscar.apps.order.models import *  # noqa: F403
