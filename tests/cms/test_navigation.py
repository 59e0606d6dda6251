"""Menus, footer and the announcement bar that merchandisers edit show on every storefront page."""

import pytest
from django.utils import timezone

from cms.navigation import AnnouncementBar, Footer, FooterLink, MainMenu, MainMenuItem
from cms.standard import StandardPage
from tests.cms.builders import publish

pytestmark = pytest.mark.django_db

# Oscar's own pages and a Wagtail page.
STOREFRONT_PATHS = ["/basket/", "/catalogue/", "/offers/", "/accounts/login/"]


@pytest.fixture
def delivery(home_page):
    return publish(home_page, StandardPage(title="Delivery", slug="delivery"))


@pytest.fixture
def menus(delivery):
    menu = MainMenu(name="Main", live=True)
    menu.items = [
        MainMenuItem(label="Delivery & returns", link_page=delivery),
        MainMenuItem(label="Journal", link_url="/journal/"),
    ]
    menu.save()
    footer = Footer(name="Footer", text="<p>Made with love in Lviv</p>", live=True)
    footer.links = [FooterLink(label="About Ptashka", link_url="/about/")]
    footer.save()
    return menu, footer


def test_menu_footer_and_announcement_show_on_oscar_and_wagtail_pages(client, menus, delivery):
    AnnouncementBar.objects.create(text="Free delivery over €80", link_url="/offers/", live=True)

    for path in [*STOREFRONT_PATHS, delivery.url]:
        html = client.get(path).content.decode()
        # The menu marks the page the shopper is on.
        current = ' aria-current="page"' if path == delivery.url else ""
        assert f'href="{delivery.url}"{current}>Delivery &amp; returns</a>' in html, path
        assert 'href="/journal/">Journal</a>' in html, path
        assert "Made with love in Lviv" in html and 'href="/about/">About Ptashka</a>' in html, path
        assert "Free delivery over €80" in html, path


def test_announcement_shows_only_between_its_start_and_end(client, home_page):
    now = timezone.now()
    AnnouncementBar.objects.create(text="Coming soon", starts_at=now + timezone.timedelta(days=1), live=True)
    AnnouncementBar.objects.create(
        text="Already over", ends_at=now - timezone.timedelta(minutes=1), live=True
    )
    AnnouncementBar.objects.create(
        text="Running now",
        starts_at=now - timezone.timedelta(days=1),
        ends_at=now + timezone.timedelta(days=1),
        live=True,
    )

    html = client.get("/basket/").content.decode()

    assert "Running now" in html
    assert "Coming soon" not in html and "Already over" not in html


def test_unpublished_snippets_and_links_to_unpublished_pages_stay_off_the_storefront(client, menus, delivery):
    AnnouncementBar.objects.create(text="Draft announcement", live=False)
    delivery.unpublish()

    html = client.get("/basket/").content.decode()

    assert "Draft announcement" not in html
    assert "Delivery &amp; returns" not in html
    assert 'href="/journal/">Journal</a>' in html


def test_a_menu_draft_can_be_previewed_before_it_is_published(admin_client, menus):
    menu, _ = menus
    url = f"/cms/snippets/cms/mainmenu/preview/{menu.pk}/"
    data = {
        "name": "Main",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-label": "Winter sale",
        "items-0-link_url": "/offers/",
        "items-0-ORDER": "1",
    }

    assert admin_client.post(url, data).json()["is_valid"]
    preview = admin_client.get(url).content.decode()

    assert 'href="/offers/">Winter sale</a>' in preview
    assert "Winter sale" not in admin_client.get("/basket/").content.decode()
