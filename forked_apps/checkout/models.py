"""Models of the checkout app: Oscar's, until a model here needs to change."""

from oscar.apps.checkout.models import *  # noqa: F403
