"""The demo's shoppable content: a campaign with its running offer, a category landing page, a journal."""

import pytest
from oscar.core.loading import get_model

from cms.category_landing import CategoryLandingPage
from cms.journal import ArticleIndexPage, ArticlePage
from cms.landing import LandingPage
from cms.navigation import AnnouncementBar, Footer, MainMenu

Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


def test_demo_campaign_advertises_a_running_offer_and_shows_its_products_with_prices(client, demo_shop):
    campaign = LandingPage.objects.live().get(slug="pottery-week")

    html = client.get(campaign.url).content.decode()

    assert campaign.offer is not None and campaign.offer.is_available()
    assert "10% off every piece of ceramics" in html
    assert html.count('class="ptashka-card"') >= 8
    assert "€" in html


def test_demo_category_landing_page_shows_stories_above_the_embroidery_listing(client, demo_shop):
    page = CategoryLandingPage.objects.live().get(slug="embroidery")

    response = client.get(page.url)

    html = response.content.decode()
    assert page.category == Category.objects.get(code="textiles-embroidery")
    assert html.index("Stitches that carry a story") < html.index("Sort by")
    assert len(response.context["products"]) > 0


def test_demo_journal_has_two_tagged_articles_with_products_to_shop(client, demo_shop):
    journal = ArticleIndexPage.objects.live().get()
    articles = ArticlePage.objects.live().child_of(journal)

    assert articles.count() == 2
    for article in articles:
        html = client.get(article.url).content.decode()
        assert article.tags.exists()
        assert "Shop this story" in html and "€" in html


def test_demo_navigation_is_published_and_on_every_page(client, demo_shop):
    assert MainMenu.current() and Footer.current() and AnnouncementBar.current()

    html = client.get("/catalogue/").content.decode()

    assert 'href="/journal/">Journal</a>' in html
    assert "Pottery week: 10% off every piece of ceramics" in html
    assert "About Ptashka" in html
