"""The editor's shop choosers find products by title or UPC, categories and site offers by name."""

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, demo_shop):
    client.force_login(get_user_model().objects.get(username="merchandiser"))
    return client


def chosen_titles(response):
    return [str(row) for row in response.context["results"]]


def test_product_chooser_finds_by_title_and_by_exact_upc_but_never_a_variant(editor):
    parent = Product.objects.filter(structure="parent").first()
    standalone = Product.objects.filter(structure="standalone").exclude(upc="").first()

    by_title = editor.get("/cms/shop/products/results/", {"q": parent.title[:8]})
    by_upc = editor.get("/cms/shop/products/results/", {"q": standalone.upc})
    variant = parent.children.first()
    by_variant_title = editor.get("/cms/shop/products/results/", {"q": variant.title})

    assert str(parent) in chosen_titles(by_title)
    assert chosen_titles(by_upc) == [str(standalone)]
    assert str(variant) not in chosen_titles(by_variant_title)


def test_category_and_offer_choosers_search_by_name(editor):
    categories = editor.get("/cms/shop/categories/results/", {"q": "ceram"})
    offers = editor.get("/cms/shop/offers/results/", {"q": "ceramics"})

    assert categories.status_code == 200 and any("Ceramics" in title for title in chosen_titles(categories))
    assert offers.status_code == 200 and chosen_titles(offers)
