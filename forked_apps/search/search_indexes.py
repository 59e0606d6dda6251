"""Search indexes: Oscar's; haystack looks for them in each installed app's own search_indexes module."""

from oscar.apps.search.search_indexes import *  # noqa: F403
