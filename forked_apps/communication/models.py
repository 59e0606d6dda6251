"""Models of the communication app: Oscar's, until a model here needs to change."""

from oscar.apps.communication.models import *  # noqa: F403
