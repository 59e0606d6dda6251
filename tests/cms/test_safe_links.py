"""Merchandisers cannot publish script links, and one saved before the check never renders as a link."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.home import HomePage
from cms.navigation import AnnouncementBar, Footer, FooterLink, MainMenu, MainMenuItem

pytestmark = pytest.mark.django_db

SCRIPT_LINK = "javascript:alert(document.domain)"


@pytest.fixture
def merchandiser(client, demo_shop):
    client.force_login(get_user_model().objects.get(username="merchandiser"))
    return client


def menu_form(link_url):
    return nested_form_data(
        {
            "name": "Winter menu",
            "items": inline_formset([{"label": "Winter sale", "link_page": "", "link_url": link_url}]),
            "action-publish": "action-publish",
        }
    )


def footer_form(link_url):
    return nested_form_data(
        {
            "name": "Winter footer",
            "text": json.dumps({"blocks": [], "entityMap": {}}),
            "links": inline_formset([{"label": "Winter sale", "link_page": "", "link_url": link_url}]),
            "action-publish": "action-publish",
        }
    )


def home_form(home, hero_cta_link="/catalogue/", body=()):
    return nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "hero_title": home.hero_title,
            "hero_text": home.hero_text,
            "hero_image": home.hero_image_id or "",
            "hero_cta_text": "Browse the shop",
            "hero_cta_link": hero_cta_link,
            "body": streamfield(list(body)),
            "seo_title": "",
            "search_description": "",
            "social_image": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def hero(link, image=""):
    return ("hero", {"image": image, "heading": "Winter", "text": "", "link_label": "Shop", "link": link})


def call_to_action(link):
    return ("call_to_action", {"text": "Warm gifts", "link": link, "label": "Shop now"})


def test_announcement_with_a_script_link_is_refused_and_nothing_is_saved(merchandiser):
    before = AnnouncementBar.objects.count()

    response = merchandiser.post(
        reverse("wagtailsnippets_cms_announcementbar:add"),
        {
            "text": "Free delivery",
            "link_url": SCRIPT_LINK,
            "starts_at": "",
            "ends_at": "",
            "action-publish": "1",
        },
    )

    assert response.status_code == 200
    assert "link_url" in response.context["form"].errors
    assert AnnouncementBar.objects.count() == before


@pytest.mark.parametrize(
    "model, form", [(MainMenu, menu_form), (Footer, footer_form)], ids=["main menu", "footer"]
)
def test_menu_or_footer_with_a_script_link_is_refused_and_nothing_is_saved(merchandiser, model, form):
    before = model.objects.count()
    add_url = reverse(f"wagtailsnippets_cms_{model._meta.model_name}:add")

    response = merchandiser.post(add_url, form(SCRIPT_LINK))

    assert response.status_code == 200
    assert "Use a link that starts with https://" in response.content.decode()
    assert model.objects.count() == before


@pytest.mark.parametrize(
    "changes",
    [
        {"hero_cta_link": SCRIPT_LINK},
        {"body": [hero(SCRIPT_LINK)]},
        {"body": [call_to_action("JaVaScRiPt:alert(1)")]},
    ],
    ids=["home hero button", "hero block", "call to action block"],
)
def test_home_page_with_a_script_link_is_refused_and_nothing_is_published(merchandiser, changes):
    home = HomePage.objects.get()
    revision = home.latest_revision_id

    response = merchandiser.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]), home_form(home, **changes)
    )

    home.refresh_from_db()
    assert response.status_code == 200
    assert "Use a link that starts with https://" in response.content.decode()
    assert home.latest_revision_id == revision
    assert SCRIPT_LINK not in json.dumps(home.body.get_prep_value()) and home.hero_cta_link == "/catalogue/"


def test_good_links_are_published_and_link_from_the_storefront(merchandiser, client):
    home = HomePage.objects.get()
    body = [hero("https://ptashka.ua/winter/"), call_to_action("mailto:shop@ptashka.ua")]

    response = merchandiser.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        home_form(home, hero_cta_link="tel:+380441234567", body=body),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/").content.decode()
    assert 'href="https://ptashka.ua/winter/"' in html
    assert 'href="mailto:shop@ptashka.ua"' in html
    assert 'href="tel:+380441234567"' in html


def test_script_links_saved_before_the_check_render_as_plain_text(client, demo_shop):
    # given bad links written straight to the database, as they were before links were checked
    AnnouncementBar.objects.create(
        text="Win a prize", link_url=SCRIPT_LINK, live=True, last_published_at=timezone.now()
    )
    menu = MainMenu(name="Old menu", live=True)
    menu.items = [
        MainMenuItem(label="Prize", link_url="java\tscript:alert(1)"),
        MainMenuItem(label="Journal", link_url="/journal/"),
    ]
    menu.save()
    footer = Footer(name="Old footer", live=True)
    footer.links = [FooterLink(label="Contact", link_url="data:text/html,<script>alert(1)</script>")]
    footer.save()
    home = HomePage.objects.get()
    home.hero_cta_link = SCRIPT_LINK
    home.body = [hero(SCRIPT_LINK, image=None), call_to_action("vbscript:msgbox(1)")]
    home.save(clean=False)

    # when a shopper opens the home page
    html = client.get("/").content.decode()

    # then the text shows, but nothing links to the script
    assert "Win a prize" in html
    for scheme in ("javascript:", "java\tscript:", "data:text/html", "vbscript:"):
        assert f'href="{scheme}' not in html
    assert "javascript:alert" not in html
    assert 'href="/journal/">Journal</a>' in html


def test_the_content_api_never_serves_a_script_link(client, demo_shop):
    AnnouncementBar.objects.create(
        text="Win a prize", link_url=SCRIPT_LINK, live=True, last_published_at=timezone.now()
    )
    home = HomePage.objects.get()
    home.body = [hero(SCRIPT_LINK, image=None)]
    home.save(clean=False)

    announcements = client.get("/api/cms/announcements/?fields=link_url").json()
    page = client.get(f"/api/cms/pages/{home.pk}/").json()

    assert "javascript:" not in json.dumps(announcements) and "javascript:" not in json.dumps(page)
    [prize] = [item for item in announcements["items"] if item["text"] == "Win a prize"]
    assert prize["link_url"] == ""
    assert [block["value"]["link"] for block in page["body"] if block["type"] == "hero"] == [""]
