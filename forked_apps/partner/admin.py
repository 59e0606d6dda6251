"""Django admin registrations: Oscar's."""

from oscar.apps.partner.admin import *  # noqa: F403
