"""Django admin registrations: Oscar's."""

from oscar.apps.communication.admin import *  # noqa: F403
