"""One search box: products and content pages ranked together, with category and price facets."""

import pytest

from cms.standard import StandardPage
from tests.cms.builders import publish, stream

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue_and_pages(home_page, small_shop):
    small_shop.add_product(title="Kosiv ceramic jug", price="24.00")
    small_shop.add_product(title="Opishnia ceramic bowl", price="62.00")
    small_shop.add_product(title="Ceramic tile coaster", price="9.00")
    small_shop.add_product(title="Linen ceramic-print towel", price="18.00", category=small_shop.textiles)
    small_shop.add_product(title="Beeswax candle", price="12.00", category=small_shop.textiles)
    small_shop.add_product(title="Hidden ceramic vase", is_public=False)
    publish(
        home_page,
        StandardPage(
            title="Caring for ceramic",
            slug="ceramic-care",
            search_description="Washing and storing hand-painted ceramic",
            body=stream(("paragraph", "<p>Ceramic from Kosiv is fired twice.</p>")),
        ),
    )
    return small_shop


def titles(response):
    return [
        hit.item.product.title if hit.kind == "product" else hit.page.title
        for hit in response.context["hits"]
    ]


def test_search_finds_products_and_pages_together(client, catalogue_and_pages):
    response = client.get("/search/", {"q": "ceramic"})

    found = titles(response)
    assert response.status_code == 200
    assert "Caring for ceramic" in found
    assert {"Kosiv ceramic jug", "Opishnia ceramic bowl", "Ceramic tile coaster"} <= set(found)
    assert "Beeswax candle" not in found and "Hidden ceramic vase" not in found
    assert "€24.00" in response.content.decode()


def test_oscars_header_search_form_posts_to_the_unified_search(client, catalogue_and_pages):
    html = client.get("/basket/").content.decode()

    assert 'action="/search/"' in html


@pytest.mark.postgres
def test_postgres_ranks_by_relevance_and_counts_category_and_price_facets(client, catalogue_and_pages):
    shop = catalogue_and_pages

    response = client.get("/search/", {"q": "ceramic"})

    categories = {category.name: count for category, count in response.context["category_facets"]}
    prices = {price_range.key: count for price_range, count in response.context["price_facets"]}
    assert categories == {"Ceramics": 3, "Textiles": 1}
    assert prices == {"under-25": 3, "50-100": 1}
    relevance = [hit.relevance for hit in response.context["hits"]]
    assert relevance == sorted(relevance, reverse=True)
    assert shop.ceramics.name in response.content.decode()


@pytest.mark.postgres
def test_postgres_facets_narrow_the_products(client, catalogue_and_pages):
    shop = catalogue_and_pages

    by_category = titles(client.get("/search/", {"q": "ceramic", "category": shop.textiles.pk}))
    by_price = titles(client.get("/search/", {"q": "ceramic", "price": "50-100"}))
    both = titles(client.get("/search/", {"q": "ceramic", "price": "under-25", "category": shop.ceramics.pk}))

    assert by_category == ["Linen ceramic-print towel"]
    assert by_price == ["Opishnia ceramic bowl"]
    assert set(both) == {"Kosiv ceramic jug", "Ceramic tile coaster"}


@pytest.mark.postgres
def test_postgres_search_uses_full_text_stemming(client, catalogue_and_pages):
    found = titles(client.get("/search/", {"q": "candles"}))

    assert found == ["Beeswax candle"]


def test_empty_query_shows_the_search_form_and_no_results(client, catalogue_and_pages):
    response = client.get("/search/")

    assert response.status_code == 200
    assert response.context["hits"] == []


@pytest.mark.parametrize("query_string", ["q=%00", "q=ceramic%00", "q=ceramic&price=%00"])
def test_a_search_with_a_nul_character_answers_400_not_500(client, catalogue_and_pages, query_string):
    response = client.get(f"/search/?{query_string}")

    # Before: PostgreSQL refused the NUL in the search text, a 500 page.
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_a_nul_character_in_another_storefront_query_string_answers_400(client, catalogue_and_pages):
    assert client.get("/catalogue/", {"sort_by": "\x00"}).status_code == 400
    assert client.get("/catalogue/", {"\x00": "x"}).status_code == 400
