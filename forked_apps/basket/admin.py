"""Django admin registrations: Oscar's."""

from oscar.apps.basket.admin import *  # noqa: F403
