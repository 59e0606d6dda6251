"""Every block a page offers previews in the editor's block picker and has an API form a client can draw."""

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory
from wagtail.images import get_image_model

from cms.blocks import ShopStreamBlock, StoryStreamBlock
from tests.shop_fixtures import _PNG

pytestmark = pytest.mark.django_db

STREAMS = [ShopStreamBlock(), StoryStreamBlock()]
CHILDREN = [(stream, name) for stream in STREAMS for name in stream.child_blocks]


@pytest.fixture
def picture(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return get_image_model().objects.create(
        title="Kosiv workshop", file=ContentFile(_PNG, name="workshop.png"), description="A potter at work"
    )


@pytest.fixture
def shop_with_an_offer(small_shop):
    small_shop.add_product(title="Preview jug", price="12.00")
    small_shop.add_offer(name="Pottery week")
    return small_shop


@pytest.mark.parametrize(("stream", "name"), CHILDREN, ids=[f"{type(s).__name__}.{n}" for s, n in CHILDREN])
def test_every_block_previews_in_the_block_picker(stream, name, shop_with_an_offer, picture):
    block = stream.child_blocks[name]
    request = RequestFactory().get("/")

    html = block.render(block.get_preview_value(), context={"request": request})

    assert block.is_previewable
    assert block.get_preview_template(block.get_preview_value()) == "cms/blocks/preview.html"
    assert html.strip(), f"the {name} preview renders nothing"


def test_shop_block_previews_show_live_products_and_a_running_offer(shop_with_an_offer, picture):
    blocks = ShopStreamBlock().child_blocks
    request = RequestFactory().get("/")

    def preview(name):
        block = blocks[name]
        return block.render(block.get_preview_value(), context={"request": request})

    assert "Preview jug" in preview("product") and "€12.00" in preview("product")
    assert "Preview jug" in preview("product_collection")
    assert "Pottery week" in preview("offer_banner")
    assert "Ceramics" in preview("category_tiles")


@pytest.mark.parametrize(("stream", "name"), CHILDREN, ids=[f"{type(s).__name__}.{n}" for s, n in CHILDREN])
def test_every_block_has_an_api_form_without_bare_image_ids(stream, name, shop_with_an_offer, picture):
    block = stream.child_blocks[name]
    request = RequestFactory().get("/")

    data = block.get_api_representation(block.get_preview_value(), context={"request": request})

    assert data
    image = data.get("image") if isinstance(data, dict) else None
    if image is not None:
        assert image["url"].startswith("http://testserver/") and image["alt"] == "A potter at work"
        assert image["width"] and image["height"]
