"""Django admin registrations: Oscar's."""

from oscar.apps.shipping.admin import *  # noqa: F403
