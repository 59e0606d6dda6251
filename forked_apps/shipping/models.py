"""Models of the shipping app: Oscar's, until a model here needs to change."""

from oscar.apps.shipping.models import *  # noqa: F403
