"""Migration 0005 folds the old product grid and newest-products blocks into the product collection."""

import importlib
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Revision

from cms.landing import LandingPage

FOLD = importlib.import_module("cms.migrations.0005_one_product_collection_block")
BEFORE = [("cms", "0004_safe_links")]
AFTER = [("cms", "0005_one_product_collection_block")]


def old_grid(products, title="Hand-picked for you", block_id="grid-1"):
    return {"type": "product_grid", "id": block_id, "value": {"title": title, "products": products}}


def old_newest(category, count, title="New in ceramics", block_id="newest-1"):
    return {
        "type": "newest_products",
        "id": block_id,
        "value": {"title": title, "category": category, "count": count},
    }


def old_carousel(products, block_id="carousel-1"):
    value = {
        "title": "Loved",
        "source": "hand_picked",
        "products": products,
        "count": 4,
        "layout": "carousel",
    }
    return {"type": "product_carousel", "id": block_id, "value": value}


def test_a_grid_becomes_a_hand_picked_grid_collection_keeping_its_id_and_products():
    folded = FOLD.FoldIntoProductCollection().apply([old_grid([{"type": "item", "value": 7, "id": "a"}])])

    assert folded == [
        {
            "type": "product_collection",
            "id": "grid-1",
            "value": {
                "title": "Hand-picked for you",
                "source": "hand_picked",
                "products": [{"type": "item", "value": 7, "id": "a"}],
                "category": None,
                "offer": None,
                "count": 8,
                "layout": "grid",
            },
        }
    ]


def test_newest_products_become_a_newest_grid_collection_and_a_carousel_only_changes_its_name():
    paragraph = {"type": "paragraph", "id": "p-1", "value": "<p>Hello</p>"}
    carousel = old_carousel([3, 4])

    newest, renamed, untouched = FOLD.FoldIntoProductCollection().apply(
        [old_newest(5, 6), carousel, paragraph]
    )

    assert newest["type"] == "product_collection" and newest["id"] == "newest-1"
    assert newest["value"] == {
        "title": "New in ceramics",
        "source": "newest",
        "products": [],
        "category": 5,
        "offer": None,
        "count": 6,
        "layout": "grid",
    }
    assert renamed == {**carousel, "type": "product_collection"}
    assert untouched == paragraph


def test_folding_twice_changes_nothing_more():
    once = FOLD.FoldIntoProductCollection().apply([old_grid([1, 2]), old_newest(None, 4), old_carousel([1])])

    assert FOLD.FoldIntoProductCollection().apply(once) == once


def write_raw_body(page, live_body, draft_body, live_revision, draft_revision):
    """Store StreamField JSON in the old shape, as pages saved before migration 0005 hold it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cms_landingpage SET body = %s::jsonb WHERE page_ptr_id = %s",
            [json.dumps(live_body), page.pk],
        )
    for revision, body in ((live_revision, live_body), (draft_revision, draft_body)):
        Revision.objects.filter(pk=revision.pk).update(content={**revision.content, "body": json.dumps(body)})


def migrate(targets):
    MigrationExecutor(connection).migrate(targets)


def section(html, title):
    """The HTML of the product section headed by ``title``."""
    start = html.index(f">{title}</h2>")
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
def test_a_page_saved_with_the_old_blocks_renders_the_same_products_live_and_in_draft_after_migrating(
    client, admin_client, small_shop, home_page
):
    jug, bowl, cup = (small_shop.add_product(title=title) for title in ("Kosiv jug", "Opishnia bowl", "Cup"))
    towel = small_shop.add_product(title="Linen towel", category=small_shop.textiles)
    migrate(BEFORE)
    page = LandingPage(title="Spring", slug="spring")
    home_page.add_child(instance=page)
    live_revision = page.save_revision()
    live_revision.publish()
    draft_revision = page.save_revision()
    write_raw_body(
        page,
        live_body=[old_grid([bowl.pk, jug.pk]), old_newest(small_shop.ceramics.pk, 2)],
        draft_body=[old_grid([towel.pk], title="Linen for the table"), old_carousel([cup.pk])],
        live_revision=live_revision,
        draft_revision=draft_revision,
    )

    migrate(AFTER)

    page = LandingPage.objects.get(pk=page.pk)
    draft = page.get_latest_revision_as_object()
    assert [(block.block_type, block.id) for block in page.body] == [
        ("product_collection", "grid-1"),
        ("product_collection", "newest-1"),
    ]
    assert [(block.block_type, block.id) for block in draft.body] == [
        ("product_collection", "grid-1"),
        ("product_collection", "carousel-1"),
    ]
    live_html = client.get(page.url).content.decode()
    picked, newest = section(live_html, "Hand-picked for you"), section(live_html, "New in ceramics")
    assert picked.index("Opishnia bowl") < picked.index("Kosiv jug") and "Cup" not in picked
    assert "Cup" in newest and "Opishnia bowl" in newest and "Kosiv jug" not in newest
    assert "Linen towel" not in newest
    assert 'class="ptashka-products ptashka-products--grid"' in live_html
    draft_html = admin_client.get(f"/cms/pages/{page.pk}/view_draft/").content.decode()
    assert "Linen towel" in section(draft_html, "Linen for the table")
    assert "Cup" in section(draft_html, "Loved")


@pytest.mark.django_db
def test_going_back_turns_collections_into_the_carousels_the_old_code_renders(small_shop, home_page):
    jug = small_shop.add_product(title="Kosiv jug")
    page = LandingPage(title="Spring", slug="spring")
    page.body = json.dumps([{**old_carousel([jug.pk]), "type": "product_collection"}])
    home_page.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()

    migrate(BEFORE)

    with connection.cursor() as cursor:
        cursor.execute("SELECT body::text FROM cms_landingpage WHERE page_ptr_id = %s", [page.pk])
        (body,) = cursor.fetchone()
    revision.refresh_from_db()
    assert [block["type"] for block in json.loads(body)] == ["product_carousel"]
    assert [block["type"] for block in json.loads(revision.content["body"])] == ["product_carousel"]
    migrate(AFTER)
