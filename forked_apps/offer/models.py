"""Models of the offer app: Oscar's, with ranges that answer for a whole basket at once."""

from django.db.models import Q
from oscar.apps.offer.abstract_models import AbstractBenefit, AbstractCondition, AbstractRange
from oscar.checks import use_productcategory_materialised_view
from oscar.core.loading import get_class, get_model

ExpandDownwardsCategoryQueryset = get_class("catalogue.expressions", "ExpandDownwardsCategoryQueryset")


class Range(AbstractRange):
    def hold_products(self, products):
        """Find out, in one query, which of these products the range contains, and remember it.

        Oscar asks a range about each basket line on its own, several times per offer (the
        condition, the benefit, each application): one query per line and question. The
        applicator asks here once for the basket's products; contains_product then answers from
        what it found. A range with a proxy class decides itself, as Oscar's does.
        """
        if self.proxy:
            return
        known = self._known_members()
        ids = {product.id for product in products} - known.keys()
        if ids:
            held = set(self._products_among(ids).order_by().values_list("id", flat=True))
            known.update({product_id: product_id in held for product_id in ids})

    def _products_among(self, ids):
        """The range's products among these ids, as Oscar's product_queryset chooses them.

        Oscar first asks up to five questions of the range (has it classes, categories, included
        parents...) to leave out the clauses that cannot match; for a handful of basket products
        every clause costs less than those queries, and a clause that cannot match changes nothing.
        """
        Product = get_model("catalogue", "Product")
        if self.includes_all_products or use_productcategory_materialised_view():
            return self.product_queryset.filter(id__in=ids)
        ProductCategory = get_model("catalogue", "ProductCategory")
        included = self.included_products.through.objects.filter(range=self).values("product_id")
        in_categories = ProductCategory.objects.filter(
            category_id__in=ExpandDownwardsCategoryQueryset(self.included_categories.values("id"))
        ).values("product_id")
        classes = self.classes.values("id")
        excluded = self.excluded_products.values("id")
        return Product.objects.filter(
            Q(id__in=included)
            | Q(parent_id__in=included)
            | Q(product_class_id__in=classes)
            | Q(parent__product_class_id__in=classes)
            | Q(id__in=in_categories)
            | Q(parent_id__in=in_categories),
            ~Q(id__in=excluded),
            ~Q(parent_id__in=excluded),
            id__in=ids,
        )

    def contains_product(self, product):
        known = self._known_members().get(product.id)
        if known is not None:
            return known
        return super().contains_product(product)

    def invalidate_cached_queryset(self):
        super().invalidate_cached_queryset()
        self.__dict__.pop("_membership", None)

    def _known_members(self):
        # Per instance: a range loaded for one request never answers for the next.
        return self.__dict__.setdefault("_membership", {})


class KeepsItsRange:
    """A condition or benefit whose proxy (CountCondition, PercentageDiscountBenefit...) reads the
    same range instance it has.

    Oscar builds a fresh proxy each time an offer is checked or applied, without the loaded range,
    so every check loaded the range again and forgot what it had found out about the basket.
    """

    def proxy(self):
        proxied = super().proxy()
        loaded = self._state.fields_cache.get("range")
        if proxied is not self and loaded is not None:
            proxied._state.fields_cache["range"] = loaded
        return proxied


class Condition(KeepsItsRange, AbstractCondition):
    pass


class Benefit(KeepsItsRange, AbstractBenefit):
    pass


from oscar.apps.offer.models import *  # noqa: E402, F403
