"""Oscar's reviews app config, naming our review form; the app, its models and migrations stay Oscar's."""

import oscar.apps.catalogue.reviews.apps as apps


class CatalogueReviewsConfig(apps.CatalogueReviewsConfig):
    # Not a fork (`name` stays Oscar's), so no copy of the reviews app's migrations. Oscar's get_class
    # looks "catalogue.reviews.views" up through the catalogue app, which is Oscar's own too, so it
    # would never find our view: it is named here.
    def ready(self):
        super().ready()
        from .views import CreateProductReview

        self.create_view = CreateProductReview
