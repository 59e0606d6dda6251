"""A range asked about a whole basket at once answers as Oscar's range does about each product."""

import pytest
from oscar.core.loading import get_class, get_model
from oscar.test import factories

Range = get_model("offer", "Range")
Category = get_model("catalogue", "Category")
Applicator = get_class("offer.applicator", "Applicator")
hold_products_in_ranges = get_class("offer.models", "hold_products_in_ranges")

pytestmark = pytest.mark.django_db


@pytest.fixture
def products_of_every_kind():
    """Products in and out of a range by each of Oscar's rules: included, a child of an included
    parent, by class, by category and its subcategory, excluded, a child of an excluded parent."""
    ceramics = Category.add_root(name="Ceramics", slug="ceramics")
    jugs = ceramics.add_child(name="Jugs", slug="jugs")
    textiles = Category.add_root(name="Textiles", slug="textiles")
    mugs_class = factories.ProductClassFactory(name="Mugs")
    product_range = Range.objects.create(name="Gifts")
    product_range.included_categories.add(ceramics)
    product_range.classes.add(mugs_class)

    def product(**kwargs):
        return factories.create_product(price="10.00", num_in_stock=5, **kwargs)

    in_category = product(title="Bowl")
    in_category.categories.add(ceramics)
    in_subcategory = product(title="Jug")
    in_subcategory.categories.add(jugs)
    outside = product(title="Towel")
    outside.categories.add(textiles)
    by_class = product(title="Mug", product_class=mugs_class)
    included = product(title="Scarf")
    product_range.add_product(included)
    excluded = product(title="Cracked bowl")
    excluded.categories.add(ceramics)
    product_range.excluded_products.add(excluded)
    parent = factories.create_product(title="Vase", structure="parent")
    parent.categories.add(ceramics)
    child = factories.create_product(title="Blue vase", parent=parent, structure="child", price="5.00")
    excluded_parent = factories.create_product(title="Old vase", structure="parent")
    excluded_parent.categories.add(ceramics)
    product_range.excluded_products.add(excluded_parent)
    child_of_excluded = factories.create_product(
        title="Old blue vase", parent=excluded_parent, structure="child", price="5.00"
    )
    products = [in_category, in_subcategory, outside, by_class, included, excluded, child, child_of_excluded]
    return product_range, products


def test_a_range_holding_the_basket_answers_each_product_as_oscar_does(products_of_every_kind):
    product_range, products = products_of_every_kind
    oscar_answers = {
        p.title: Range.objects.get(pk=product_range.pk).product_queryset.filter(id=p.id).exists()
        for p in products
    }

    # when the range is asked about all of them at once
    holding = Range.objects.get(pk=product_range.pk)
    holding.hold_products(products)

    # then it answers each as Oscar's own query does
    assert {p.title: holding.contains_product(p) for p in products} == oscar_answers
    assert oscar_answers == {
        "Bowl": True,
        "Jug": True,
        "Towel": False,
        "Mug": True,
        "Scarf": True,
        "Cracked bowl": False,
        "Blue vase": True,
        "Old blue vase": False,
    }


def test_a_range_asked_about_the_basket_answers_without_a_query_per_product(
    products_of_every_kind, django_assert_num_queries
):
    product_range, products = products_of_every_kind
    holding = Range.objects.get(pk=product_range.pk)

    with django_assert_num_queries(1):
        holding.hold_products(products)
    with django_assert_num_queries(0):
        [holding.contains_product(p) for p in products]


def test_a_product_added_to_the_range_is_seen_after_the_range_changes(products_of_every_kind):
    product_range, products = products_of_every_kind
    towel = next(p for p in products if p.title == "Towel")
    product_range.hold_products(products)
    assert not product_range.contains_product(towel)

    # when a manager adds the towel to the range (Oscar forgets its cached products then)
    product_range.add_product(towel)

    assert product_range.contains_product(towel)


def test_several_ranges_answer_for_the_basket_in_one_query_each_as_oscar_does(
    products_of_every_kind, django_assert_num_queries
):
    gifts, products = products_of_every_kind
    by_title = {p.title: p for p in products}
    # A range of one included parent (its children count) with one of them excluded.
    vases = Range.objects.create(name="Vases")
    vases.add_product(by_title["Blue vase"].parent)
    scarves = Range.objects.create(name="Scarves and towels")
    scarves.add_product(by_title["Scarf"])
    scarves.add_product(by_title["Towel"])
    scarves.excluded_products.add(by_title["Towel"])
    ranges = [Range.objects.get(pk=r.pk) for r in (gifts, vases, scarves)]

    with django_assert_num_queries(1):
        hold_products_in_ranges(ranges, products)

    for held in ranges:
        oscar = Range.objects.get(pk=held.pk).product_queryset
        with django_assert_num_queries(0):
            answers = {p.title: held.contains_product(p) for p in products}
        assert answers == {p.title: oscar.filter(id=p.id).exists() for p in products}, held.name
    assert {p.title for p in products if ranges[1].contains_product(p)} == {"Blue vase"}
    assert {p.title for p in products if ranges[2].contains_product(p)} == {"Scarf"}


def test_a_range_of_all_products_is_asked_through_oscars_query_beside_the_others(products_of_every_kind):
    gifts, products = products_of_every_kind
    everything = Range.objects.create(name="Everything", includes_all_products=True)
    everything.excluded_products.add(products[0])
    ranges = [Range.objects.get(pk=gifts.pk), Range.objects.get(pk=everything.pk)]

    hold_products_in_ranges(ranges, products)

    oscar = Range.objects.get(pk=everything.pk).product_queryset
    assert {p.title: ranges[1].contains_product(p) for p in products} == {
        p.title: oscar.filter(id=p.id).exists() for p in products
    }
    assert not ranges[1].contains_product(products[0])
