"""Django admin registrations: Oscar's."""

from oscar.apps.analytics.admin import *  # noqa: F403
