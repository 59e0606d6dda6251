"""App config of the page cache: connects the receivers that make stored pages stale."""

from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "ptashka.page_cache"
    label = "ptashka_page_cache"
    verbose_name = "Page cache"

    def ready(self):
        from . import invalidation

        invalidation.connect()
