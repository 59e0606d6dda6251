"""Models of the offer app: Oscar's, with ranges that answer for a whole basket at once."""

from functools import cache

from django.db import connection
from oscar.apps.offer.abstract_models import (
    AbstractBenefit,
    AbstractCondition,
    AbstractConditionalOffer,
    AbstractRange,
)
from oscar.checks import use_productcategory_materialised_view
from oscar.core.loading import get_model


class Range(AbstractRange):
    def hold_products(self, products):
        """Find out, in one query, which of these products the range contains, and remember it.

        Oscar asks a range about each basket line on its own, several times per offer (the
        condition, the benefit, each application): one query per line and question. The
        applicator asks once for the basket's products, for all its ranges together
        (hold_products_in_ranges); contains_product then answers from what it found. A range with
        a proxy class decides itself, as Oscar's does.
        """
        hold_products_in_ranges([self], products)

    @property
    def answers_in_bulk(self):
        """Whether membership_sql() decides this range: one that lists products, classes and
        categories. One with a proxy class decides itself; one that includes all products (and
        the materialised category view) go through Oscar's product_queryset."""
        return not (self.proxy or self.includes_all_products or use_productcategory_materialised_view())

    def _products_among(self, ids):
        """The range's products among these ids, by Oscar's own query: for the ranges
        membership_sql() does not decide (one of all products, or the materialised view)."""
        return self.product_queryset.filter(id__in=ids)

    def hold_answers(self, answers):
        self._known_members().update(answers)

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


def hold_products_in_ranges(ranges, products):
    """Find out which of these products each range contains, in one query for all of them.

    Ranges that membership_sql() decides are asked together; the others (a range including all
    products) one query each through Oscar's product_queryset, as before.
    """
    wanted = {}
    for product_range in ranges:
        if product_range.proxy:
            continue
        ids = {product.id for product in products} - product_range._known_members().keys()
        if ids:
            wanted[product_range] = ids
    bulk = [product_range for product_range in wanted if product_range.answers_in_bulk]
    if bulk:
        product_ids = sorted(set().union(*(wanted[product_range] for product_range in bulk)))
        range_ids = sorted({product_range.id for product_range in bulk})
        with connection.cursor() as cursor:
            cursor.execute(membership_sql(len(range_ids), len(product_ids)), [*range_ids, *product_ids])
            held = set(cursor.fetchall())
        for product_range in bulk:
            product_range.hold_answers(
                {pid: (product_range.id, pid) in held for pid in wanted[product_range]}
            )
    for product_range in wanted.keys() - set(bulk):
        ids = wanted[product_range]
        members = set(product_range._products_among(ids).order_by().values_list("id", flat=True))
        product_range.hold_answers({pid: pid in members for pid in ids})


def _placeholders(count):
    return ", ".join(["%s"] * count)


def membership_sql(range_count, product_count):
    """(range id, product id) for each of the ranges (their ids first in the parameters) that
    contains each of the products (their ids next), by Oscar's rules for a range without a proxy:
    the product or its parent is included, or of an included class, or in an included category or
    one below it; and neither the product nor its parent is excluded.

    Written in SQL rather than built by the ORM: Oscar's clauses as a queryset cost more to compile
    (several milliseconds for each range) than the query costs PostgreSQL to answer, and offers are
    applied on every page a shopper with a basket opens.
    """
    return _membership_sql_template().format(
        ranges=_placeholders(range_count), products=_placeholders(product_count)
    )


@cache
def _membership_sql_template():
    Range = get_model("offer", "Range")
    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    quote = connection.ops.quote_name

    def through(model, name):
        field = model._meta.get_field(name)
        return (
            quote(field.remote_field.through._meta.db_table),
            quote(field.m2m_column_name()),
            quote(field.m2m_reverse_name()),
        )

    included, included_range, included_product = through(Range, "included_products")
    classes, classes_range, classes_class = through(Range, "classes")
    categories, categories_range, categories_category = through(Range, "included_categories")
    excluded, excluded_range, excluded_product = through(Range, "excluded_products")
    in_category, in_category_product, in_category_category = through(Product, "categories")
    product = quote(Product._meta.db_table)
    category = quote(Category._meta.db_table)
    range_table = quote(Range._meta.db_table)
    parent_id = quote(Product._meta.get_field("parent").column)
    class_id = quote(Product._meta.get_field("product_class").column)
    path, depth = quote("path"), quote("depth")
    # Braces for str.format are doubled where the SQL needs them; %% is a literal % for the driver.
    return f"""
        SELECT r.id, p.id
        FROM {product} p
        LEFT JOIN {product} parent ON parent.id = p.{parent_id}
        CROSS JOIN {range_table} r
        WHERE r.id IN ({{ranges}}) AND p.id IN ({{products}})
        AND (
            EXISTS (SELECT 1 FROM {included} i WHERE i.{included_range} = r.id
                    AND (i.{included_product} = p.id OR i.{included_product} = p.{parent_id}))
            OR EXISTS (SELECT 1 FROM {classes} c WHERE c.{classes_range} = r.id
                       AND (c.{classes_class} = p.{class_id} OR c.{classes_class} = parent.{class_id}))
            OR EXISTS (
                SELECT 1 FROM {categories} rc
                JOIN {category} base ON base.id = rc.{categories_category}
                JOIN {category} below ON below.{path} LIKE base.{path} || '%%'
                                     AND below.{depth} >= base.{depth}
                JOIN {in_category} pc ON pc.{in_category_category} = below.id
                WHERE rc.{categories_range} = r.id
                AND (pc.{in_category_product} = p.id OR pc.{in_category_product} = p.{parent_id}))
        )
        AND NOT EXISTS (SELECT 1 FROM {excluded} e WHERE e.{excluded_range} = r.id
                        AND (e.{excluded_product} = p.id OR e.{excluded_product} = p.{parent_id}))
    """


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


class ConditionalOffer(AbstractConditionalOffer):
    def changes_storefront(self):
        """Whether the save being signalled changes a page (ptashka.page_cache.invalidation)."""
        return not getattr(self, "_counting_use", False)

    def record_usage(self, discount):
        """Count an order's use of the offer without making cached pages stale: no page shows the
        counts, and every order with a discount used to empty the page cache. An offer used up by
        this order (Oscar's save turns it to consumed) is saved once more, and that save does."""
        status = self.status
        self._counting_use = True
        try:
            super().record_usage(discount)
        finally:
            del self._counting_use
        if self.status != status:
            self.save(update_fields=["status"])

    record_usage.alters_data = True


from oscar.apps.offer.models import *  # noqa: E402, F403
