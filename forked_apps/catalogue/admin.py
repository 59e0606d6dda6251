"""Django admin registrations: Oscar's."""

from oscar.apps.catalogue.admin import *  # noqa: F403
