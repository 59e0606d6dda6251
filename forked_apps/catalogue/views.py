"""Oscar's product page, with what its template and the strategy read fetched in a fixed number of queries."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from oscar.apps.catalogue import views
from oscar.core.loading import get_model

Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
ProductAlert = get_model("customer", "ProductAlert")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductReview = get_model("reviews", "ProductReview")
Vote = get_model("reviews", "Vote")

# As many reviews as Oscar's product page shows; the rest are on the reviews list.
REVIEWS_SHOWN = 3


def approved_review_count():
    approved = ProductReview.objects.filter(product=OuterRef("pk"), status=ProductReview.APPROVED)
    counted = approved.order_by().values("product").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def attribute_values():
    return ProductAttributeValue.objects.select_related("attribute", "value_option").annotate(
        code=F("attribute__code")
    )


class ProductDetailView(views.ProductDetailView):
    """The product page: one query for the product and its counts, then one per kind of related row.

    Oscar's view lets the template load each of these lazily, one query per variant's stock, per
    review's author and per check (options, alerts, reviews), so a parent's page grew with its variants.
    """

    def get_queryset(self):
        products = Product.objects.select_related("product_class", "parent", "parent__product_class")
        options = Option.objects.filter(Q(product=OuterRef("pk")) | Q(productclass=OuterRef("product_class")))
        products = products.annotate(_approved_reviews=approved_review_count(), _has_options=Exists(options))
        user = self.request.user
        if user.is_authenticated:
            alerts = ProductAlert.objects.filter(
                product=OuterRef("pk"), user=user, status=ProductAlert.ACTIVE
            )
            reviews_by_shopper = ProductReview.objects.filter(product=OuterRef("pk"), user=user)
            products = products.annotate(
                _has_active_alert=Exists(alerts), _reviewed_by_shopper=Exists(reviews_by_shopper)
            )
        return products

    def get_object(self, queryset=None):
        if hasattr(self, "object"):
            return self.object
        product = super().get_object(queryset)
        # Oscar reads these through cached properties: filled here, the template finds them set.
        product.__dict__["num_approved_reviews"] = product._approved_reviews
        product.__dict__["has_options"] = product._has_options
        if hasattr(product, "_reviewed_by_shopper"):
            # Asked twice per page (the stars and the reviews section), a query each time in Oscar.
            shopper, reviewed = self.request.user, product._reviewed_by_shopper
            oscars_check = product.has_review_by
            product.has_review_by = lambda user: reviewed if user == shopper else oscars_check(user)
        prefetch_related_objects([product], *self.related_to_fetch(product))
        return product

    def related_to_fetch(self, product):
        lookups = [
            "images",
            Prefetch("attribute_values", queryset=attribute_values(), to_attr="_prefetched_attribute_values"),
        ]
        if product.is_parent:
            public_children = Product.objects.public().prefetch_related("stockrecords")
            lookups.append(
                Prefetch("children", queryset=public_children, to_attr="_prefetched_public_children")
            )
        else:
            lookups.append("stockrecords")
        if product.is_child:
            lookups.append(
                Prefetch(
                    "parent__attribute_values",
                    queryset=attribute_values(),
                    to_attr="_prefetched_parent_attribute_values",
                )
            )
        return lookups

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reviews"] = self.reviews_shown(self.object)
        return context

    def reviews_shown(self, product):
        """The newest approved reviews with their authors, each knowing whether the shopper may vote."""
        if not product.num_approved_reviews:
            return []
        reviews = list(product.reviews.approved().select_related("user")[:REVIEWS_SHOWN])
        user = self.request.user
        voted = set()
        if user.is_authenticated:
            voted = set(
                Vote.objects.filter(user=user, review__in=reviews).values_list("review_id", flat=True)
            )
        for review in reviews:
            # Oscar's rules for a vote: signed in, not on one's own review, once per review.
            review.shopper_may_vote = (
                user.is_authenticated and review.user_id != user.pk and review.pk not in voted
            )
        return reviews

    def get_alert_status(self):
        return getattr(self.object, "_has_active_alert", False)
