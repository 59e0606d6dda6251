"""StreamField blocks: editorial blocks and blocks that show live data from the Oscar shop."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from cms import shop
from cms.choosers import category_chooser_viewset, product_chooser_viewset

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.blocks"
)
CategoryChooserBlock = category_chooser_viewset.get_block_class(
    name="CategoryChooserBlock", module_path="cms.blocks"
)


class HeadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    subheading = blocks.CharBlock(max_length=255, required=False)

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"


class ProductGridBlock(blocks.StructBlock):
    """Hand-picked products, shown with their live price and availability."""

    title = blocks.CharBlock(max_length=120, required=False)
    products = blocks.ListBlock(ProductChooserBlock(), min_num=1, max_num=24)

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/product_grid.html"
        description = "Hand-picked products with live prices; sold-out ones hide themselves."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        chosen = [product.pk for product in value["products"] if product is not None]
        context["items"] = shop.shop_items(shop.products_by_ids(chosen), request)
        return context


class NewestProductsBlock(blocks.StructBlock):
    """The newest products of a category (or of the whole shop), chosen at request time."""

    title = blocks.CharBlock(max_length=120, required=False)
    category = CategoryChooserBlock(required=False)
    count = blocks.IntegerBlock(default=8, min_value=1, max_value=24)

    class Meta:
        icon = "pick"
        template = "cms/blocks/product_grid.html"
        description = "The newest N products of a category, always up to date."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        candidates = shop.newest_in_category(value["category"], value["count"])
        context["items"] = shop.shop_items(candidates, request)[: value["count"]]
        return context


class CategoryTilesBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False)
    categories = blocks.ListBlock(CategoryChooserBlock(), min_num=1, max_num=12)

    class Meta:
        icon = "folder-open-inverse"
        template = "cms/blocks/category_tiles.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    link = blocks.CharBlock(max_length=255, help_text="A path such as /catalogue/ or a full URL")
    label = blocks.CharBlock(max_length=40, default="Shop now")

    class Meta:
        icon = "link"
        template = "cms/blocks/call_to_action.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(max_length=255, required=False)

    class Meta:
        icon = "image"
        template = "cms/blocks/image_with_caption.html"


class HomeStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(icon="pilcrow", template="cms/blocks/paragraph.html")
    image = ImageWithCaptionBlock()
    product_grid = ProductGridBlock()
    newest_products = NewestProductsBlock()
    category_tiles = CategoryTilesBlock()
    call_to_action = CallToActionBlock()
