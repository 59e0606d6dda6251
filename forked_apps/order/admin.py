"""Django admin registrations: Oscar's."""

from oscar.apps.order.admin import *  # noqa: F403
