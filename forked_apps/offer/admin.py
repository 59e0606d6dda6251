"""Django admin registrations: Oscar's."""

from oscar.apps.offer.admin import *  # noqa: F403
