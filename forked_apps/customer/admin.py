"""Django admin registrations: Oscar's."""

from oscar.apps.customer.admin import *  # noqa: F403
