"""Models of the partner app: Oscar's, until a model here needs to change."""

from oscar.apps.partner.models import *  # noqa: F403
