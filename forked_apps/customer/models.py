"""Models of the customer app: Oscar's, until a model here needs to change."""

from oscar.apps.customer.models import *  # noqa: F403
