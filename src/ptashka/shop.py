"""Oscar's root app config, minus the "" redirect to the catalogue so Wagtail serves the home page."""

from oscar.config import Shop


class PtashkaShopConfig(Shop):
    def get_urls(self):
        return [url for url in super().get_urls() if getattr(url, "name", None) != "home"]
