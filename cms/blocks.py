"""StreamField blocks: editorial blocks and blocks that show live data from the Oscar shop."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from cms import shop
from cms.choosers import category_chooser_viewset, offer_chooser_viewset, product_chooser_viewset
from cms.links import LinkBlock

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.blocks"
)
CategoryChooserBlock = category_chooser_viewset.get_block_class(
    name="CategoryChooserBlock", module_path="cms.blocks"
)
OfferChooserBlock = offer_chooser_viewset.get_block_class(name="OfferChooserBlock", module_path="cms.blocks")

# Every shop block's previews live in the editor's block picker; this template adds our stylesheet.
PREVIEW_TEMPLATE = "cms/blocks/preview.html"


def _request(parent_context):
    return (parent_context or {}).get("request")


def _first_sellable_product_pk():
    """A product to show in the block picker's preview: whatever the shop sells right now."""
    for item in shop.shop_items(shop.newest_in_category(None, 4)):
        return item.product.pk
    return None


class HeadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    subheading = blocks.CharBlock(max_length=255, required=False)

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        preview_value = {"heading": "Loved this season", "subheading": "Favourite pieces from our makers"}
        preview_template = PREVIEW_TEMPLATE


class HeroBlock(blocks.StructBlock):
    image = ImageChooserBlock(required=False)
    heading = blocks.CharBlock(max_length=120)
    text = blocks.CharBlock(max_length=255, required=False)
    link_label = blocks.CharBlock(max_length=40, required=False)
    link = LinkBlock(max_length=255, required=False, help_text="A path such as /catalogue/ or a full URL")

    class Meta:
        icon = "image"
        template = "cms/blocks/hero.html"
        description = "A wide picture with a headline and a button."
        preview_value = {"heading": "Little birds bring good news", "text": "Folk art from Ukrainian makers"}
        preview_template = PREVIEW_TEMPLATE


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(max_length=255, required=False)

    class Meta:
        icon = "image"
        template = "cms/blocks/image_with_caption.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    link = LinkBlock(max_length=255, help_text="A path such as /catalogue/ or a full URL")
    label = blocks.CharBlock(max_length=40, default="Shop now")

    class Meta:
        icon = "link"
        template = "cms/blocks/call_to_action.html"
        preview_value = {
            "text": "Take 10% off every piece of pottery.",
            "link": "/offers/",
            "label": "Shop now",
        }
        preview_template = PREVIEW_TEMPLATE


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=255)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False, default="Questions and answers")
    questions = blocks.ListBlock(QuestionBlock(), min_num=1)

    class Meta:
        icon = "help"
        template = "cms/blocks/faq.html"
        label = "FAQ"
        preview_value = {
            "title": "Delivery questions",
            "questions": [{"question": "How long does delivery take?", "answer": "<p>3 to 7 days.</p>"}],
        }
        preview_template = PREVIEW_TEMPLATE


class ProductBlock(blocks.StructBlock):
    """One product with its live price, availability and an add-to-basket button."""

    product = ProductChooserBlock()
    blurb = blocks.CharBlock(max_length=255, required=False, help_text="Why we love it, in a sentence")

    class Meta:
        icon = "tag"
        template = "cms/blocks/product.html"
        description = "A single product with its live price; it hides itself when it cannot be bought."
        preview_template = PREVIEW_TEMPLATE

    def get_preview_value(self):
        return self.to_python({"product": _first_sellable_product_pk(), "blurb": "Made by hand in Kosiv."})

    def live_item(self, value, request=None):
        product = value.get("product")
        items = shop.shop_items(shop.products_by_ids([product.pk] if product else []), request)
        return items[0] if items else None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["item"] = self.live_item(value, _request(parent_context))
        return context

    def get_api_representation(self, value, context=None):
        item = self.live_item(value, _request(context))
        return {
            "blurb": value.get("blurb"),
            "product": shop.product_representation(item, _request(context)) if item else None,
        }


class ProductCarouselBlock(blocks.StructBlock):
    """A row of products from a source the merchandiser picks; prices and stock come live."""

    HAND_PICKED, NEWEST, TOP, OFFER = "hand_picked", "newest", "top", "offer"

    title = blocks.CharBlock(max_length=120, required=False)
    source = blocks.ChoiceBlock(
        choices=[
            (HAND_PICKED, "Hand-picked products"),
            (NEWEST, "Newest in a category"),
            (TOP, "Best sellers in a category"),
            (OFFER, "Products in an offer"),
        ],
        default=HAND_PICKED,
    )
    products = blocks.ListBlock(ProductChooserBlock(), min_num=0, max_num=24, label="Hand-picked products")
    category = CategoryChooserBlock(required=False, help_text="Empty: the whole shop")
    offer = OfferChooserBlock(required=False)
    count = blocks.IntegerBlock(
        default=8, min_value=1, max_value=24, help_text="For newest, best sellers, offer"
    )
    layout = blocks.ChoiceBlock(choices=[("carousel", "Carousel"), ("grid", "Grid")], default="carousel")

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/product_carousel.html"
        description = (
            "Products with live prices: hand-picked, newest or best sellers of a category, or an offer's."
        )
        preview_template = PREVIEW_TEMPLATE

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["source"] == self.HAND_PICKED and not [p for p in value["products"] if p]:
            errors["products"] = ValidationError("Choose at least one product.")
        if value["source"] == self.OFFER and value["offer"] is None:
            errors["offer"] = ValidationError("Choose the offer whose products to show.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_preview_value(self):
        return self.to_python({"title": "New in the shop", "source": self.NEWEST, "count": 4, "products": []})

    def candidates(self, value):
        source, count = value["source"], value["count"]
        if source == self.NEWEST:
            return shop.newest_in_category(value["category"], count)
        if source == self.TOP:
            return shop.top_in_category(value["category"], count)
        if source == self.OFFER:
            return shop.products_in_offer(value["offer"], count)
        return shop.products_by_ids([product.pk for product in value["products"] if product is not None])

    def live_items(self, value, request=None):
        items = shop.shop_items(self.candidates(value), request)
        if value["source"] != self.HAND_PICKED:
            items = items[: value["count"]]
        return items

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = self.live_items(value, _request(parent_context))
        return context

    def get_api_representation(self, value, context=None):
        request = _request(context)
        return {
            "title": value["title"],
            "source": value["source"],
            "layout": value["layout"],
            "products": [
                shop.product_representation(item, request) for item in self.live_items(value, request)
            ],
        }


class ProductGridBlock(blocks.StructBlock):
    """Hand-picked products in a grid (the home page's first block type; carousels do more)."""

    title = blocks.CharBlock(max_length=120, required=False)
    products = blocks.ListBlock(ProductChooserBlock(), min_num=1, max_num=24)

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/product_grid.html"
        description = "Hand-picked products with live prices; sold-out ones hide themselves."
        preview_template = PREVIEW_TEMPLATE

    def get_preview_value(self):
        return self.to_python({"title": "Hand-picked for you", "products": [_first_sellable_product_pk()]})

    def live_items(self, value, request=None):
        chosen = [product.pk for product in value["products"] if product is not None]
        return shop.shop_items(shop.products_by_ids(chosen), request)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = self.live_items(value, _request(parent_context))
        return context

    def get_api_representation(self, value, context=None):
        request = _request(context)
        items = self.live_items(value, request)
        return {"title": value["title"], "products": [shop.product_representation(i, request) for i in items]}


class NewestProductsBlock(blocks.StructBlock):
    """The newest products of a category (or of the whole shop), chosen at request time."""

    title = blocks.CharBlock(max_length=120, required=False)
    category = CategoryChooserBlock(required=False)
    count = blocks.IntegerBlock(default=8, min_value=1, max_value=24)

    class Meta:
        icon = "pick"
        template = "cms/blocks/product_grid.html"
        description = "The newest N products of a category, always up to date."
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"title": "New in the shop", "category": None, "count": 4}

    def live_items(self, value, request=None):
        candidates = shop.newest_in_category(value["category"], value["count"])
        return shop.shop_items(candidates, request)[: value["count"]]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = self.live_items(value, _request(parent_context))
        return context

    def get_api_representation(self, value, context=None):
        request = _request(context)
        items = self.live_items(value, request)
        return {"title": value["title"], "products": [shop.product_representation(i, request) for i in items]}


class CategoryTilesBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False)
    categories = blocks.ListBlock(CategoryChooserBlock(), min_num=1, max_num=12)

    class Meta:
        icon = "folder-open-inverse"
        template = "cms/blocks/category_tiles.html"
        description = "Tiles linking to shop categories; hidden categories leave no gap."
        preview_template = PREVIEW_TEMPLATE

    def get_api_representation(self, value, context=None):
        return {
            "title": value["title"],
            "categories": [
                {"id": category.pk, "name": category.name, "url": category.get_absolute_url()}
                for category in value["categories"]
                if category is not None and category.is_public
            ],
        }


class OfferBannerBlock(blocks.StructBlock):
    """A banner for an Oscar offer; it shows only while the offer runs, so it never over-promises."""

    offer = OfferChooserBlock()
    headline = blocks.CharBlock(max_length=120)
    text = blocks.CharBlock(max_length=255, required=False)
    image = ImageChooserBlock(required=False)
    link_label = blocks.CharBlock(max_length=40, default="See the offer")

    class Meta:
        icon = "pick"
        template = "cms/blocks/offer_banner.html"
        description = "Advertises an offer while it runs and hides itself before and after."
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"headline": "10% off ceramics this month", "text": "Applied in the basket"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["is_running"] = shop.offer_is_running(value["offer"])
        return context

    def get_api_representation(self, value, context=None):
        offer = value["offer"]
        running = shop.offer_is_running(offer)
        return {
            "headline": value["headline"],
            "text": value["text"],
            "offer": {"id": offer.pk, "name": offer.name, "url": offer.get_absolute_url()}
            if running
            else None,
        }


class ShopStreamBlock(blocks.StreamBlock):
    """The blocks every page type offers: editorial content mixed with live shop content."""

    hero = HeroBlock()
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        icon="pilcrow",
        template="cms/blocks/paragraph.html",
        preview_value="<p>Every piece is made by hand in a Ukrainian workshop.</p>",
        preview_template=PREVIEW_TEMPLATE,
    )
    image = ImageWithCaptionBlock()
    product = ProductBlock()
    product_carousel = ProductCarouselBlock()
    product_grid = ProductGridBlock()
    newest_products = NewestProductsBlock()
    category_tiles = CategoryTilesBlock()
    offer_banner = OfferBannerBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()


# The home page's stream predates the shared one; the name stays for its migration history.
HomeStreamBlock = ShopStreamBlock


class StoryStreamBlock(blocks.StreamBlock):
    """A journal article: words and pictures, with a product or a row of them where the story needs."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(icon="pilcrow", template="cms/blocks/paragraph.html")
    image = ImageWithCaptionBlock()
    product = ProductBlock()
    product_carousel = ProductCarouselBlock()
    call_to_action = CallToActionBlock()
