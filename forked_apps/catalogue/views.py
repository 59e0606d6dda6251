"""Oscar's product page, with what its template and the strategy read fetched in a fixed number of queries."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from oscar.apps.catalogue import views
from oscar.core.loading import get_model

from forked_apps.offer.display import offer_prices

from .product_page import (
    build_picker,
    delivery_note,
    gallery_images,
    picker_data,
    related_products,
    responsive_picture,
)

Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
ProductAlert = get_model("customer", "ProductAlert")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductImage = get_model("catalogue", "ProductImage")
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


def hold_family_rows(product):
    """A parent's and all its variants' pictures and attribute values, in a query each, set where
    Oscar's prefetches would put them (on a variant's page, the variant and its siblings alike)."""
    parent = product.parent if product.is_child else product
    family = {parent.pk: [parent]}
    for child in parent._prefetched_public_children:
        family.setdefault(child.pk, []).append(child)
    if product.is_child:
        family.setdefault(product.pk, []).append(product)
    in_family = Q(product=parent) | Q(product__parent=parent)
    images, values = {}, {}
    for image in ProductImage.objects.filter(in_family).order_by("display_order", "pk"):
        images.setdefault(image.product_id, []).append(image)
    for value in attribute_values().filter(in_family).order_by("attribute_id", "pk"):
        values.setdefault(value.product_id, []).append(value)
    for pk, instances in family.items():
        for instance in instances:
            hold_prefetched(instance, "images", images.get(pk, []))
            instance._prefetched_attribute_values = values.get(pk, [])
    # Oscar's get_attribute_values for a variant reads its parent's from here.
    parent._prefetched_parent_attribute_values = values.get(parent.pk, [])


def hold_prefetched(instance, name, rows):
    """Rows for instance.<name>.all(), as prefetch_related() would have left them."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


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
        if not product.is_standalone:
            hold_family_rows(product)
        return product

    def related_to_fetch(self, product):
        if product.is_standalone:
            return [
                "images",
                Prefetch(
                    "attribute_values", queryset=attribute_values(), to_attr="_prefetched_attribute_values"
                ),
                "stockrecords",
                "categories",
            ]
        # A parent's and its variants' pictures and attribute values come in one query each
        # (hold_family_rows): the picker reads every variant's own.
        public_children = Product.objects.public().prefetch_related("stockrecords")
        children = Prefetch("children", queryset=public_children, to_attr="_prefetched_public_children")
        if product.is_parent:
            return [children, "categories"]
        return [
            "stockrecords",
            "parent__categories",
            Prefetch("parent__children", queryset=public_children, to_attr="_prefetched_public_children"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        context["reviews"] = self.reviews_shown(product)
        context.update(self.buy_box(product))
        return context

    def render_to_response(self, context, **response_kwargs):
        # A picker request naming no variant of this product: the page, with the error, as a 400.
        picker = context.get("picker")
        if picker is not None and picker.error:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)

    def buy_box(self, product):
        """What the page sells and how: the product shown (a variant's parent), the variant picker,
        the variant or product the add-to-basket form buys, its price, offer price and stock."""
        strategy = self.request.strategy
        shown = product.parent if product.is_child else product
        context = {"shown_product": shown, "picker": None, "picker_json": ""}
        products = [product]
        infos = {}
        if product.is_child or product.is_parent:
            children = list(shown.get_public_children())
            infos = {child.pk: strategy.fetch_for_product(child) for child in children}
            products = [*children]
        if not product.is_parent:
            infos[product.pk] = strategy.fetch_for_product(product)
        else:
            infos[product.pk] = strategy.fetch_for_parent(product)
            products.append(product)
        categories = list(shown.categories.all())
        related = related_products(product, categories)
        # One call for the page's products and the related cards (the card partial reads
        # ``offer_prices``): one membership query for all of them.
        discounts = offer_prices([*products, *related], self.request, strategy=strategy, purchase_infos=infos)
        purchasable = product
        dimension_codes = set()
        if shown.is_parent:
            chosen_pk = product.pk if product.is_child else None
            picker = build_picker(children, infos, discounts, requested=self.request.GET, chosen_pk=chosen_pk)
            dimension_codes = {dimension.code for dimension in picker.dimensions}
            purchasable = picker.chosen.product if picker.chosen else None
            context["picker"] = picker
            context["picker_json"] = picker_data(picker, self.variant_image)
        info = infos[purchasable.pk] if purchasable is not None else infos[product.pk]
        context.update(
            {
                "purchasable": purchasable,
                "purchase_info": info,
                "buy_offer": discounts.get(purchasable.pk) if purchasable is not None else None,
                "gallery": gallery_images(product),
                "product_attributes": [
                    value
                    for value in product.get_attribute_values()
                    if value.attribute.code not in dimension_codes
                ],
                "main_category": categories[0] if categories else None,
                "delivery": delivery_note(info.price.currency if info.price.exists else None),
                "related_products": related,
                "offer_prices": discounts,
            }
        )
        return context

    @staticmethod
    def variant_image(variant):
        """A variant's own main picture for the page's script, or None to keep the gallery's."""
        images = [image for image in variant.images.all() if image.original]
        if not images:
            return None
        return {**responsive_picture(images[0]), "alt": images[0].caption or variant.get_title()}

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
