"""App config of the forked search app; Oscar's get_class finds our browse views through it."""

import oscar.apps.search.apps as apps


class SearchConfig(apps.SearchConfig):
    name = "forked_apps.search"
