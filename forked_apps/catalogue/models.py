"""Models of the catalogue app: Oscar's, until a model here needs to change."""

from oscar.apps.catalogue.models import *  # noqa: F403
