"""Oscar's catalogue app config, naming our product page view; models and migrations stay Oscar's."""

import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    # Not a fork (`name` stays Oscar's): Oscar's get_class would look "catalogue.views" up in Oscar's
    # own package, so the view is named here, before the app's URLs are built from it.
    def ready(self):
        super().ready()
        from .views import ProductDetailView

        self.detail_view = ProductDetailView
