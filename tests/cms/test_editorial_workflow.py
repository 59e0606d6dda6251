"""Drafts, live-data previews, scheduled publishing and expiry, rollback, campaigns run with their offer."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.landing import LandingPage
from cms.tasks import publish_scheduled
from tests.cms.builders import carousel, publish, stream

ConditionalOffer = get_model("offer", "ConditionalOffer")

pytestmark = pytest.mark.django_db


def test_a_saved_draft_changes_nothing_shoppers_see_until_published(client, home_page, small_shop):
    page = publish(home_page, LandingPage(title="Pottery week", slug="pottery", introduction="First words"))
    page.introduction = "Second words"
    revision = page.save_revision()

    before = client.get(page.url).content.decode()
    revision.publish()
    after = client.get(page.url).content.decode()

    assert "First words" in before and "Second words" not in before
    assert "Second words" in after


def test_preview_of_a_draft_renders_prices_from_the_shop_as_they_are_now(home_page, small_shop):
    jug = small_shop.add_product(title="Kosiv jug", price="24.00")
    page = publish(home_page, LandingPage(title="Pottery week", slug="pottery"))
    page.body = stream(carousel([jug]))
    page.save_revision()
    stock = jug.stockrecords.get()
    stock.price = Decimal("27.50")
    stock.save()

    draft = page.get_latest_revision_as_object()
    html = draft.make_preview_request().render().content.decode()

    assert "Kosiv jug" in html and "€27.50" in html


def test_scheduled_page_goes_live_and_expires_on_time(client, home_page):
    page = LandingPage(title="Black Friday", slug="black-friday", live=False)
    home_page.add_child(instance=page)
    page.go_live_at = timezone.now() + timezone.timedelta(days=1)
    page.expire_at = timezone.now() + timezone.timedelta(days=3)
    page.save_revision().publish()

    before = client.get("/black-friday/")
    # The clock moves on: the go-live time has passed when the scheduler next runs.
    passed = timezone.now() - timezone.timedelta(seconds=1)
    scheduled = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    scheduled.content["go_live_at"] = passed.isoformat()
    scheduled.approved_go_live_at = passed
    scheduled.save()
    # beat's every-minute entry runs the task
    publish_scheduled.delay()
    during = client.get("/black-friday/")
    LandingPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timezone.timedelta(seconds=1))
    publish_scheduled.delay()
    after = client.get("/black-friday/")

    assert before.status_code == 404
    assert during.status_code == 200
    assert after.status_code == 404


def test_an_older_revision_can_be_published_again(client, home_page):
    page = publish(home_page, LandingPage(title="Pottery week", slug="pottery", introduction="Version one"))
    first = page.latest_revision
    page.introduction = "Version two"
    page.save_revision().publish()

    first.publish()

    html = client.get(page.url).content.decode()
    assert "Version one" in html and "Version two" not in html


def edit_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "introduction": page.introduction,
        "body": streamfield([]),
        "offer": page.offer_id or "",
        "offer_follows_page_schedule": "on" if page.offer_follows_page_schedule else "",
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(changes)
    return nested_form_data(data)


def test_campaign_scheduled_in_the_editor_gives_its_offer_the_same_start_and_end(
    admin_client, home_page, small_shop
):
    offer = small_shop.add_offer(name="Black Friday 20%")
    page = publish(home_page, LandingPage(title="Black Friday", slug="black-friday", offer=offer))
    starts, ends = timezone.now() + timezone.timedelta(days=2), timezone.now() + timezone.timedelta(days=5)

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form(
            page,
            offer_follows_page_schedule="on",
            go_live_at=timezone.localtime(starts).strftime("%Y-%m-%d %H:%M"),
            expire_at=timezone.localtime(ends).strftime("%Y-%m-%d %H:%M"),
        ),
    )

    offer.refresh_from_db()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert offer.start_datetime.replace(second=0, microsecond=0) == starts.replace(second=0, microsecond=0)
    assert offer.end_datetime.replace(second=0, microsecond=0) == ends.replace(second=0, microsecond=0)
    assert not offer.is_available()


def test_campaign_without_the_schedule_option_leaves_its_offer_alone(admin_client, home_page, small_shop):
    offer = small_shop.add_offer(name="Always on")
    window = (offer.start_datetime, offer.end_datetime)
    page = publish(home_page, LandingPage(title="Always", slug="always", offer=offer))
    ends = timezone.now() + timezone.timedelta(days=5)

    admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form(page, expire_at=timezone.localtime(ends).strftime("%Y-%m-%d %H:%M")),
    )

    offer.refresh_from_db()
    assert (offer.start_datetime, offer.end_datetime) == window


def every_page_type(home_page, small_shop):
    from cms.category_landing import CategoryLandingPage
    from cms.journal import ArticleIndexPage, ArticlePage
    from cms.standard import StandardPage

    journal = publish(home_page, ArticleIndexPage(title="Journal", slug="journal"))
    return [
        home_page,
        publish(home_page, LandingPage(title="Campaign", slug="campaign")),
        publish(
            home_page, CategoryLandingPage(title="Ceramics", slug="ceramics", category=small_shop.ceramics)
        ),
        publish(home_page, StandardPage(title="Delivery", slug="delivery")),
        journal,
        publish(journal, ArticlePage(title="Potters", slug="potters", date=timezone.localdate())),
    ]


def test_every_page_type_previews_a_draft_with_a_live_product_and_rolls_back(client, home_page, small_shop):
    jug = small_shop.add_product(title="Kosiv jug", price="24.00")

    for page in every_page_type(home_page, small_shop):
        published, title = page.latest_revision, page.title
        draft = page.get_latest_revision_as_object()
        draft.title = f"{title} (draft)"
        # The journal's index has no blocks of its own: its preview shows the draft title only.
        shows_products = hasattr(draft, "body")
        if hasattr(draft, "shop_the_story"):
            draft.shop_the_story = [("product", jug)]
        elif shows_products:
            draft.body = stream(carousel([jug]))
        draft.save_revision()

        preview = page.get_latest_revision_as_object().make_preview_request().render().content.decode()
        live = client.get(page.url).content.decode()
        published.publish()

        assert f"{title} (draft)" in preview, type(page).__name__
        if shows_products:
            assert "Kosiv jug" in preview and "€24.00" in preview, type(page).__name__
        assert f"{title} (draft)" not in live, type(page).__name__
        page.refresh_from_db()
        assert page.live_revision == published and page.title == title
