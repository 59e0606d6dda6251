"""Every page type renders, and the page tree can only be built the way the shop expects."""

import datetime

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils

from cms.category_landing import CategoryLandingPage
from cms.home import HomePage
from cms.journal import ArticleIndexPage, ArticlePage
from cms.landing import LandingPage
from cms.standard import StandardPage
from tests.cms.builders import carousel, publish, stream

pytestmark = pytest.mark.django_db


class TestTreeRules(WagtailTestUtils):
    def test_home_page_allows_campaigns_journal_category_landings_and_standard_pages(self):
        assert set(HomePage.allowed_subpage_models()) == {
            LandingPage,
            ArticleIndexPage,
            CategoryLandingPage,
            StandardPage,
        }

    def test_articles_live_only_in_a_journal_and_have_no_children(self):
        assert ArticlePage.allowed_parent_page_models() == [ArticleIndexPage]
        assert ArticlePage.allowed_subpage_models() == []

    def test_a_second_home_page_and_a_home_under_a_campaign_cannot_be_created(self, home_page):
        campaign = publish(home_page, LandingPage(title="Spring", slug="spring"))

        assert not HomePage.can_create_at(Page.get_first_root_node())
        assert not HomePage.can_create_at(campaign)
        assert not ArticlePage.can_create_at(home_page)
        assert not CategoryLandingPage.can_create_at(campaign)
        assert LandingPage.can_create_at(campaign)


def test_standard_page_renders_its_blocks_with_seo_title_and_canonical_link(client, home_page):
    page = publish(
        home_page,
        StandardPage(
            title="Delivery",
            slug="delivery",
            seo_title="Delivery across Europe",
            search_description="How we pack and send",
            body=stream(
                (
                    "faq",
                    {
                        "title": "Questions",
                        "questions": [{"question": "How long?", "answer": "<p>A week.</p>"}],
                    },
                )
            ),
        ),
    )

    response = client.get(page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Delivery across Europe | Ptashka</title>" in html
    assert 'content="How we pack and send"' in html
    assert f'<link rel="canonical" href="{page.full_url}">' in html
    assert "How long?" in html and "A week." in html


def test_journal_lists_live_articles_newest_first_and_filters_by_tag(client, home_page, small_shop):
    journal = publish(home_page, ArticleIndexPage(title="Journal", slug="journal", introduction="Stories"))
    older = ArticlePage(title="The potters of Opishnia", slug="opishnia", date=datetime.date(2026, 10, 1))
    older.tags.add("ceramics")
    publish(journal, older)
    publish(
        journal, ArticlePage(title="Reshetylivka stitches", slug="stitches", date=datetime.date(2026, 11, 1))
    )
    draft = ArticlePage(title="Unfinished draft", slug="draft", date=datetime.date(2026, 11, 2), live=False)
    journal.add_child(instance=draft)

    listing = client.get(journal.url).content.decode()
    tagged = client.get(journal.url + "?tag=ceramics").content.decode()

    assert listing.index("Reshetylivka stitches") < listing.index("The potters of Opishnia")
    assert "Unfinished draft" not in listing
    assert "The potters of Opishnia" in tagged and "Reshetylivka stitches" not in tagged


def test_article_shows_its_shop_this_story_products_with_live_prices(client, home_page, small_shop):
    jug, sold_out = (
        small_shop.add_product(title="Kosiv jug", price="24.00"),
        small_shop.add_product(title="Gone", stock=0),
    )
    journal = publish(home_page, ArticleIndexPage(title="Journal", slug="journal"))
    article = publish(
        journal,
        ArticlePage(
            title="The potters of Kosiv",
            slug="kosiv",
            date=datetime.date(2026, 10, 1),
            body=stream(("paragraph", "<p>Clay from the Carpathians.</p>")),
            shop_the_story=[("product", jug), ("product", sold_out)],
        ),
    )

    html = client.get(article.url).content.decode()

    assert "Clay from the Carpathians." in html
    assert "Shop this story" in html and "Kosiv jug" in html and "€24.00" in html
    assert "Gone" not in html


def test_category_landing_page_puts_content_above_oscars_listing_with_sorting_and_pages(
    client, home_page, small_shop, settings
):
    settings.OSCAR_PRODUCTS_PER_PAGE = 2
    small_shop.add_product(title="Cheap jug", price="5.00")
    small_shop.add_product(title="Dear jug", price="90.00")
    small_shop.add_product(title="Middle jug", price="40.00")
    small_shop.add_product(title="Linen towel", category=small_shop.textiles)
    page = publish(
        home_page,
        CategoryLandingPage(
            title="Ceramics from Kosiv to Opishnia",
            slug="ceramics-stories",
            category=small_shop.ceramics,
            body=stream(("heading", {"heading": "Clay that remembers", "subheading": ""})),
        ),
    )

    first = client.get(page.url + "?sort_by=price-asc")
    second = client.get(page.url + "?sort_by=price-asc&page=2")

    html = first.content.decode()
    assert first.status_code == 200
    assert html.index("Clay that remembers") < html.index("Cheap jug")
    assert [p.title for p in first.context["products"]] == ["Cheap jug", "Middle jug"]
    assert [p.title for p in second.context["products"]] == ["Dear jug"]
    assert "Linen towel" not in html
    assert '"@type": "BreadcrumbList"' in html


def test_category_landing_page_without_its_category_still_shows_its_content(client, home_page, small_shop):
    page = publish(
        home_page,
        CategoryLandingPage(
            title="Ceramics",
            slug="ceramics-stories",
            category=small_shop.ceramics,
            body=stream(("heading", {"heading": "Clay that remembers", "subheading": ""})),
        ),
    )
    small_shop.ceramics.delete()

    response = client.get(page.url)

    assert response.status_code == 200
    assert "Clay that remembers" in response.content.decode()


def test_landing_page_renders_hero_and_blocks(client, home_page, small_shop):
    jug = small_shop.add_product(title="Kosiv jug", price="24.00")
    page = publish(
        home_page,
        LandingPage(
            title="Pottery week",
            slug="pottery-week",
            introduction="Ten days of clay",
            body=stream(carousel([jug])),
        ),
    )

    html = client.get(page.url).content.decode()

    assert "Pottery week" in html and "Ten days of clay" in html and "€24.00" in html
