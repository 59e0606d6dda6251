"""Oscar's review views, with a thank-you that says when a review waiting for moderation will show."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.reviews import views


class CreateProductReview(views.CreateProductReview):
    def get_success_url(self):
        if self.object.status != self.object.FOR_MODERATION:
            return super().get_success_url()
        # Oscar's own thank-you reads as if the review were already on the page.
        messages.success(
            self.request,
            _("Thank you for reviewing this product. Your review will appear once our team has approved it."),
        )
        return self.product.get_absolute_url()
