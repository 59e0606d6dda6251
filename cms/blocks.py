"""StreamField blocks: editorial blocks and blocks that show live data from the Oscar shop."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
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


def _page_products(parent_context):
    return (parent_context or {}).get("page_shop_products")


def _first_sellable_product_pk():
    """A product to show in the block picker's preview: whatever the shop sells right now."""
    for item in shop.shop_items(shop.newest_in_category(None, 4)):
        return item.product.pk
    return None


def _newest_image():
    """A picture for the block picker's preview: the newest in the image library, if any."""
    return get_image_model().objects.order_by("-created_at", "-pk").first()


def image_representation(image, rendition_spec, request=None):
    """An image as a headless client draws it: the rendition the storefront shows, with its alt text."""
    if image is None:
        return None
    rendition = image.get_rendition(rendition_spec)
    url = rendition.url
    if request is not None and url.startswith("/"):
        url = request.build_absolute_uri(url)
    return {
        "id": image.pk,
        "url": url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


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
        preview_template = PREVIEW_TEMPLATE

    # The rendition templates/cms/blocks/hero.html shows; the API serves the same one.
    RENDITION = "fill-1200x420"

    def get_preview_value(self):
        return self.to_python(
            {
                "image": getattr(_newest_image(), "pk", None),
                "heading": "Little birds bring good news",
                "text": "Folk art from Ukrainian makers",
            }
        )

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context=context)
        data["image"] = image_representation(value["image"], self.RENDITION, _request(context))
        return data


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(max_length=255, required=False)

    class Meta:
        icon = "image"
        template = "cms/blocks/image_with_caption.html"
        description = "A picture from the image library, with a caption under it."
        preview_template = PREVIEW_TEMPLATE

    RENDITION = "width-1000"

    def get_preview_value(self):
        image = _newest_image()
        return self.to_python({"image": getattr(image, "pk", None), "caption": "Made by hand in Kosiv."})

    def get_api_representation(self, value, context=None):
        return {
            "image": image_representation(value["image"], self.RENDITION, _request(context)),
            "caption": value["caption"],
        }


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

    def live_item(self, value, request=None, page_products=None):
        product = value.get("product")
        ids = [product.pk] if product else []
        products = page_products.products(ids) if page_products else shop.products_by_ids(ids)
        items = shop.shop_items(products, request)
        return items[0] if items else None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["item"] = self.live_item(value, _request(parent_context), _page_products(parent_context))
        return context

    def get_api_representation(self, value, context=None):
        item = self.live_item(value, _request(context))
        return {
            "blurb": value.get("blurb"),
            "product": shop.product_representation(item, _request(context)) if item else None,
        }


class ProductCollectionBlock(blocks.StructBlock):
    """Products from a source the merchandiser picks, as a carousel or a grid; prices and stock come live.

    The one block for "a set of products" on a page: hand-picked, the newest or best sellers of a
    category (or of the whole shop), or what an offer discounts. Migration 0005 folded the old
    product grid and newest-products blocks into it.
    """

    HAND_PICKED, NEWEST, TOP, OFFER = "hand_picked", "newest", "top", "offer"
    CAROUSEL, GRID = "carousel", "grid"
    MAX_PRODUCTS = 24

    title = blocks.CharBlock(max_length=120, required=False)
    source = blocks.ChoiceBlock(
        choices=[
            (HAND_PICKED, "Hand-picked products"),
            (NEWEST, "Newest in a category"),
            (TOP, "Best sellers in a category"),
            (OFFER, "Products in an offer"),
        ],
        default=HAND_PICKED,
        help_text="Where the products come from; other sources' fields are ignored.",
    )
    products = blocks.ListBlock(
        ProductChooserBlock(),
        min_num=0,
        max_num=MAX_PRODUCTS,
        label="Hand-picked products",
        help_text="In this order; sold-out ones hide until back in stock.",
    )
    category = CategoryChooserBlock(
        required=False, help_text="For newest and best sellers; empty: the whole shop."
    )
    offer = OfferChooserBlock(required=False, help_text="For products in an offer.")
    count = blocks.IntegerBlock(
        default=8,
        min_value=1,
        max_value=MAX_PRODUCTS,
        help_text=f"How many to show (1 to {MAX_PRODUCTS}), for newest, best sellers and offer.",
    )
    layout = blocks.ChoiceBlock(
        choices=[(CAROUSEL, "Carousel: one scrolling row"), (GRID, "Grid: rows of cards")],
        default=CAROUSEL,
    )
    see_all_label = blocks.CharBlock(
        max_length=40,
        required=False,
        label="“See all” link",
        help_text="Links to the whole category, shop or offer, e.g. “All ceramics”; empty: no link.",
    )

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/product_collection.html"
        label = "Products: carousel or grid"
        description = (
            "Products with live prices as a carousel or a grid: hand-picked, the newest or best sellers"
            " of a category, or an offer's."
        )
        preview_template = PREVIEW_TEMPLATE

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        source = value["source"]
        if source == self.HAND_PICKED and not [p for p in value["products"] if p]:
            errors["products"] = ValidationError("Choose at least one product.")
        category, offer = value["category"], value["offer"]
        if source in (self.NEWEST, self.TOP) and category and not shop.category_has_products(category):
            errors["category"] = ValidationError(
                f"“{category.name}” has no products yet: choose another category,"
                " or leave it empty for the whole shop."
            )
        if source == self.HAND_PICKED and value["see_all_label"]:
            errors["see_all_label"] = ValidationError(
                "Hand-picked products have no page to link to: leave this empty."
            )
        if source == self.OFFER and offer is None:
            errors["offer"] = ValidationError("Choose the offer whose products to show.")
        elif source == self.OFFER and not shop.offer_has_products(offer):
            errors["offer"] = ValidationError(
                f"“{offer.name}” discounts no product in the shop: choose another offer."
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_preview_value(self):
        return self.to_python(
            {
                "title": "New in the shop",
                "source": self.NEWEST,
                "count": 4,
                "products": [],
                "layout": self.CAROUSEL,
            }
        )

    def source_of(self, value):
        """Where the products come from, or None for hand-picked ones."""
        if value["source"] == self.HAND_PICKED:
            return None
        return shop.ProductSource(
            kind=value["source"], category=value["category"], offer=value["offer"], limit=value["count"]
        )

    def hand_picked_ids(self, value):
        return [product.pk for product in value["products"] if product is not None]

    def candidates(self, value, page_products=None):
        if page_products is not None:
            return page_products.candidates(self, value)
        source, count = value["source"], value["count"]
        if source == self.NEWEST:
            return shop.newest_in_category(value["category"], count)
        if source == self.TOP:
            return shop.top_in_category(value["category"], count)
        if source == self.OFFER:
            return shop.products_in_offer(value["offer"], count)
        return shop.products_by_ids(self.hand_picked_ids(value))

    def live_items(self, value, request=None, page_products=None):
        items = shop.shop_items(self.candidates(value, page_products), request)
        if value["source"] != self.HAND_PICKED:
            items = items[: value["count"]]
        return items

    def see_all_url(self, value):
        """Where the "see all" link goes: the category's, the whole shop's or the offer's page."""
        if not value["see_all_label"] or value["source"] == self.HAND_PICKED:
            return None
        if value["source"] == self.OFFER:
            return value["offer"].get_absolute_url() if value["offer"] else None
        return shop.category_url(value["category"])

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = self.live_items(value, _request(parent_context), _page_products(parent_context))
        context["see_all_url"] = self.see_all_url(value)
        return context

    def get_api_representation(self, value, context=None):
        request = _request(context)
        see_all_url = self.see_all_url(value)
        return {
            "title": value["title"],
            "source": value["source"],
            "layout": value["layout"],
            "products": [
                shop.product_representation(item, request) for item in self.live_items(value, request)
            ],
            "see_all": {"label": value["see_all_label"], "url": see_all_url} if see_all_url else None,
        }


class CategoryTilesBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False)
    categories = blocks.ListBlock(CategoryChooserBlock(), min_num=1, max_num=12)

    class Meta:
        icon = "folder-open-inverse"
        template = "cms/blocks/category_tiles.html"
        description = "Tiles linking to shop categories; hidden categories leave no gap."
        preview_template = PREVIEW_TEMPLATE

    def get_preview_value(self):
        categories = shop.top_level_categories(6)
        return self.to_python({"title": "Shop by craft", "categories": [c.pk for c in categories]})

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

    RENDITION = "fill-400x220"

    def get_preview_value(self):
        offer = shop.running_offer()
        return self.to_python(
            {
                "offer": getattr(offer, "pk", None),
                "headline": getattr(offer, "name", "10% off ceramics this month"),
                "text": "Applied in the basket",
                "image": getattr(_newest_image(), "pk", None),
            }
        )

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
            "image": image_representation(value["image"], self.RENDITION, _request(context)),
            "link_label": value["link_label"],
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
    product_collection = ProductCollectionBlock()
    category_tiles = CategoryTilesBlock()
    offer_banner = OfferBannerBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()


# The home page's stream predates the shared one; the name stays for its migration history.
HomeStreamBlock = ShopStreamBlock


class StoryStreamBlock(blocks.StreamBlock):
    """A journal article: words and pictures, with a product or a row of them where the story needs."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        icon="pilcrow",
        template="cms/blocks/paragraph.html",
        preview_value="<p>Every piece is made by hand in a Ukrainian workshop.</p>",
        preview_template=PREVIEW_TEMPLATE,
    )
    image = ImageWithCaptionBlock()
    product = ProductBlock()
    product_collection = ProductCollectionBlock()
    call_to_action = CallToActionBlock()


class PageShopProducts:
    """Every product the shop blocks of one page show, fetched together before the blocks render.

    Each block fetching its own products cost the listing queryset's queries once per block; here
    a page costs them once, with one more query for every carousel's ids (cms/includes/stream.html).
    """

    def __init__(self, stream, request=None):
        picked_ids, sources = [], []
        for child in stream:
            block, value = child.block, child.value
            if isinstance(block, ProductBlock) and value.get("product") is not None:
                picked_ids.append(value["product"].pk)
            elif isinstance(block, ProductCollectionBlock):
                source = block.source_of(value)
                if source is None:
                    picked_ids += block.hand_picked_ids(value)
                else:
                    sources.append(source)
        self.ids_by_source = shop.product_ids_from_sources(list(dict.fromkeys(sources)))
        wanted = set(picked_ids).union(*self.ids_by_source.values())
        self.by_id = {p.pk: p for p in shop.products_queryset().filter(pk__in=wanted)} if wanted else {}
        if request is not None and self.by_id:
            # Offer prices for every product of the page in one go; the blocks find them kept.
            shop.offers_for(list(self.by_id.values()), request)

    def products(self, ids):
        """The products with these ids in this order; None for one shoppers cannot browse."""
        return [self.by_id.get(pk) for pk in ids]

    def candidates(self, block, value):
        source = block.source_of(value)
        if source is None:
            return self.products(block.hand_picked_ids(value))
        return self.products(self.ids_by_source.get(source, []))
