"""Fold the product grid, newest-products and product-carousel blocks into one product collection.

Every page type's body and every revision of it (live, drafts, history) is rewritten, keeping each
block's id: a grid becomes a hand-picked collection laid out as a grid, newest products a "newest
in a category" grid, a carousel keeps its settings under the new name. Going back renames the
collections to carousels, which the old code renders the same way.
"""

import wagtail.fields
from django.db import migrations
from django.utils.deconstruct import deconstructible
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import BaseBlockOperation, RenameStreamChildrenOperation

COLLECTION = "product_collection"
# The page types whose body is a ShopStreamBlock or a StoryStreamBlock (the article's).
PAGE_TYPES = ["articlepage", "categorylandingpage", "homepage", "landingpage", "standardpage"]


def as_product_collection(child):
    """One raw StreamField child in the product collection's shape; any other block as it was."""
    kind, value = child["type"], child.get("value") or {}
    if kind == "product_carousel":
        return {**child, "type": COLLECTION}
    if kind == "product_grid":
        folded = {"source": "hand_picked", "products": value.get("products") or [], "count": 8}
    elif kind == "newest_products":
        count = min(max(int(value.get("count") or 8), 1), 24)
        folded = {"source": "newest", "products": [], "category": value.get("category"), "count": count}
    else:
        return child
    defaults = {"title": value.get("title", ""), "category": None, "offer": None, "layout": "grid"}
    return {**child, "type": COLLECTION, "value": {**defaults, **folded}}


@deconstructible
class FoldIntoProductCollection(BaseBlockOperation):
    """Applied to a top-level StreamBlock: its product grids, newest and carousels become collections."""

    def apply(self, block_value):
        return [as_product_collection(child) for child in block_value]

    @property
    def operation_name_fragment(self):
        return "fold_into_product_collection"


def fold_every_body(apps, schema_editor):
    for model_name in PAGE_TYPES:
        operations = [(FoldIntoProductCollection(), "")]
        MigrateStreamData("cms", model_name, "body", operations).migrate_stream_data_forward(
            apps, schema_editor
        )


def unfold_every_body(apps, schema_editor):
    for model_name in PAGE_TYPES:
        operations = [(RenameStreamChildrenOperation(COLLECTION, "product_carousel"), "")]
        MigrateStreamData("cms", model_name, "body", operations).migrate_stream_data_forward(
            apps, schema_editor
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_safe_links"),
    ]

    operations = [
        migrations.RunPython(fold_every_body, unfold_every_body),
        migrations.AlterField(
            model_name="articlepage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("heading", 2),
                    ("paragraph", 3),
                    ("image", 5),
                    ("product", 8),
                    ("product_collection", 17),
                    ("call_to_action", 20),
                ],
                blank=True,
                block_lookup={
                    0: ("wagtail.blocks.CharBlock", (), {"max_length": 120}),
                    1: ("wagtail.blocks.CharBlock", (), {"max_length": 255, "required": False}),
                    2: ("wagtail.blocks.StructBlock", [[("heading", 0), ("subheading", 1)]], {}),
                    3: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {
                            "icon": "pilcrow",
                            "preview_template": "cms/blocks/preview.html",
                            "preview_value": "<p>Every piece is made by hand in a Ukrainian workshop.</p>",
                            "template": "cms/blocks/paragraph.html",
                        },
                    ),
                    4: ("wagtail.images.blocks.ImageChooserBlock", (), {}),
                    5: ("wagtail.blocks.StructBlock", [[("image", 4), ("caption", 1)]], {}),
                    6: ("cms.blocks.ProductChooserBlock", (), {}),
                    7: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Why we love it, in a sentence", "max_length": 255, "required": False},
                    ),
                    8: ("wagtail.blocks.StructBlock", [[("product", 6), ("blurb", 7)]], {}),
                    9: ("wagtail.blocks.CharBlock", (), {"max_length": 120, "required": False}),
                    10: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("hand_picked", "Hand-picked products"),
                                ("newest", "Newest in a category"),
                                ("top", "Best sellers in a category"),
                                ("offer", "Products in an offer"),
                            ],
                            "help_text": "Where the products come from; other sources' fields are ignored.",
                        },
                    ),
                    11: (
                        "wagtail.blocks.ListBlock",
                        (6,),
                        {
                            "help_text": "In this order; sold-out ones hide until back in stock.",
                            "label": "Hand-picked products",
                            "max_num": 24,
                            "min_num": 0,
                        },
                    ),
                    12: (
                        "cms.blocks.CategoryChooserBlock",
                        (),
                        {
                            "help_text": "For newest and best sellers; empty: the whole shop.",
                            "required": False,
                        },
                    ),
                    13: (
                        "cms.blocks.OfferChooserBlock",
                        (),
                        {"help_text": "For products in an offer.", "required": False},
                    ),
                    14: (
                        "wagtail.blocks.IntegerBlock",
                        (),
                        {
                            "default": 8,
                            "help_text": "How many to show (1 to 24), for newest, best sellers and offer.",
                            "max_value": 24,
                            "min_value": 1,
                        },
                    ),
                    15: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("carousel", "Carousel: one scrolling row"),
                                ("grid", "Grid: rows of cards"),
                            ]
                        },
                    ),
                    16: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Links to the whole category, shop or offer, e.g. “All ceramics”; empty: no link.",
                            "label": "“See all” link",
                            "max_length": 40,
                            "required": False,
                        },
                    ),
                    17: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("title", 9),
                                ("source", 10),
                                ("products", 11),
                                ("category", 12),
                                ("offer", 13),
                                ("count", 14),
                                ("layout", 15),
                                ("see_all_label", 16),
                            ]
                        ],
                        {},
                    ),
                    18: (
                        "cms.links.LinkBlock",
                        (),
                        {"help_text": "A path such as /catalogue/ or a full URL", "max_length": 255},
                    ),
                    19: ("wagtail.blocks.CharBlock", (), {"default": "Shop now", "max_length": 40}),
                    20: ("wagtail.blocks.StructBlock", [[("text", 0), ("link", 18), ("label", 19)]], {}),
                },
            ),
        ),
        migrations.AlterField(
            model_name="categorylandingpage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("hero", 5),
                    ("heading", 6),
                    ("paragraph", 7),
                    ("image", 9),
                    ("product", 12),
                    ("product_collection", 21),
                    ("category_tiles", 24),
                    ("offer_banner", 27),
                    ("call_to_action", 30),
                    ("faq", 36),
                ],
                blank=True,
                block_lookup={
                    0: ("wagtail.images.blocks.ImageChooserBlock", (), {"required": False}),
                    1: ("wagtail.blocks.CharBlock", (), {"max_length": 120}),
                    2: ("wagtail.blocks.CharBlock", (), {"max_length": 255, "required": False}),
                    3: ("wagtail.blocks.CharBlock", (), {"max_length": 40, "required": False}),
                    4: (
                        "cms.links.LinkBlock",
                        (),
                        {
                            "help_text": "A path such as /catalogue/ or a full URL",
                            "max_length": 255,
                            "required": False,
                        },
                    ),
                    5: (
                        "wagtail.blocks.StructBlock",
                        [[("image", 0), ("heading", 1), ("text", 2), ("link_label", 3), ("link", 4)]],
                        {},
                    ),
                    6: ("wagtail.blocks.StructBlock", [[("heading", 1), ("subheading", 2)]], {}),
                    7: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {
                            "icon": "pilcrow",
                            "preview_template": "cms/blocks/preview.html",
                            "preview_value": "<p>Every piece is made by hand in a Ukrainian workshop.</p>",
                            "template": "cms/blocks/paragraph.html",
                        },
                    ),
                    8: ("wagtail.images.blocks.ImageChooserBlock", (), {}),
                    9: ("wagtail.blocks.StructBlock", [[("image", 8), ("caption", 2)]], {}),
                    10: ("cms.blocks.ProductChooserBlock", (), {}),
                    11: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Why we love it, in a sentence", "max_length": 255, "required": False},
                    ),
                    12: ("wagtail.blocks.StructBlock", [[("product", 10), ("blurb", 11)]], {}),
                    13: ("wagtail.blocks.CharBlock", (), {"max_length": 120, "required": False}),
                    14: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("hand_picked", "Hand-picked products"),
                                ("newest", "Newest in a category"),
                                ("top", "Best sellers in a category"),
                                ("offer", "Products in an offer"),
                            ],
                            "help_text": "Where the products come from; other sources' fields are ignored.",
                        },
                    ),
                    15: (
                        "wagtail.blocks.ListBlock",
                        (10,),
                        {
                            "help_text": "In this order; sold-out ones hide until back in stock.",
                            "label": "Hand-picked products",
                            "max_num": 24,
                            "min_num": 0,
                        },
                    ),
                    16: (
                        "cms.blocks.CategoryChooserBlock",
                        (),
                        {
                            "help_text": "For newest and best sellers; empty: the whole shop.",
                            "required": False,
                        },
                    ),
                    17: (
                        "cms.blocks.OfferChooserBlock",
                        (),
                        {"help_text": "For products in an offer.", "required": False},
                    ),
                    18: (
                        "wagtail.blocks.IntegerBlock",
                        (),
                        {
                            "default": 8,
                            "help_text": "How many to show (1 to 24), for newest, best sellers and offer.",
                            "max_value": 24,
                            "min_value": 1,
                        },
                    ),
                    19: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("carousel", "Carousel: one scrolling row"),
                                ("grid", "Grid: rows of cards"),
                            ]
                        },
                    ),
                    20: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Links to the whole category, shop or offer, e.g. “All ceramics”; empty: no link.",
                            "label": "“See all” link",
                            "max_length": 40,
                            "required": False,
                        },
                    ),
                    21: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("title", 13),
                                ("source", 14),
                                ("products", 15),
                                ("category", 16),
                                ("offer", 17),
                                ("count", 18),
                                ("layout", 19),
                                ("see_all_label", 20),
                            ]
                        ],
                        {},
                    ),
                    22: ("cms.blocks.CategoryChooserBlock", (), {}),
                    23: ("wagtail.blocks.ListBlock", (22,), {"max_num": 12, "min_num": 1}),
                    24: ("wagtail.blocks.StructBlock", [[("title", 13), ("categories", 23)]], {}),
                    25: ("cms.blocks.OfferChooserBlock", (), {}),
                    26: ("wagtail.blocks.CharBlock", (), {"default": "See the offer", "max_length": 40}),
                    27: (
                        "wagtail.blocks.StructBlock",
                        [[("offer", 25), ("headline", 1), ("text", 2), ("image", 0), ("link_label", 26)]],
                        {},
                    ),
                    28: (
                        "cms.links.LinkBlock",
                        (),
                        {"help_text": "A path such as /catalogue/ or a full URL", "max_length": 255},
                    ),
                    29: ("wagtail.blocks.CharBlock", (), {"default": "Shop now", "max_length": 40}),
                    30: ("wagtail.blocks.StructBlock", [[("text", 1), ("link", 28), ("label", 29)]], {}),
                    31: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"default": "Questions and answers", "max_length": 120, "required": False},
                    ),
                    32: ("wagtail.blocks.CharBlock", (), {"max_length": 255}),
                    33: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "link", "ul", "ol"]},
                    ),
                    34: ("wagtail.blocks.StructBlock", [[("question", 32), ("answer", 33)]], {}),
                    35: ("wagtail.blocks.ListBlock", (34,), {"min_num": 1}),
                    36: ("wagtail.blocks.StructBlock", [[("title", 31), ("questions", 35)]], {}),
                },
            ),
        ),
        migrations.AlterField(
            model_name="homepage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("hero", 5),
                    ("heading", 6),
                    ("paragraph", 7),
                    ("image", 9),
                    ("product", 12),
                    ("product_collection", 21),
                    ("category_tiles", 24),
                    ("offer_banner", 27),
                    ("call_to_action", 30),
                    ("faq", 36),
                ],
                blank=True,
                block_lookup={
                    0: ("wagtail.images.blocks.ImageChooserBlock", (), {"required": False}),
                    1: ("wagtail.blocks.CharBlock", (), {"max_length": 120}),
                    2: ("wagtail.blocks.CharBlock", (), {"max_length": 255, "required": False}),
                    3: ("wagtail.blocks.CharBlock", (), {"max_length": 40, "required": False}),
                    4: (
                        "cms.links.LinkBlock",
                        (),
                        {
                            "help_text": "A path such as /catalogue/ or a full URL",
                            "max_length": 255,
                            "required": False,
                        },
                    ),
                    5: (
                        "wagtail.blocks.StructBlock",
                        [[("image", 0), ("heading", 1), ("text", 2), ("link_label", 3), ("link", 4)]],
                        {},
                    ),
                    6: ("wagtail.blocks.StructBlock", [[("heading", 1), ("subheading", 2)]], {}),
                    7: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {
                            "icon": "pilcrow",
                            "preview_template": "cms/blocks/preview.html",
                            "preview_value": "<p>Every piece is made by hand in a Ukrainian workshop.</p>",
                            "template": "cms/blocks/paragraph.html",
                        },
                    ),
                    8: ("wagtail.images.blocks.ImageChooserBlock", (), {}),
                    9: ("wagtail.blocks.StructBlock", [[("image", 8), ("caption", 2)]], {}),
                    10: ("cms.blocks.ProductChooserBlock", (), {}),
                    11: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Why we love it, in a sentence", "max_length": 255, "required": False},
                    ),
                    12: ("wagtail.blocks.StructBlock", [[("product", 10), ("blurb", 11)]], {}),
                    13: ("wagtail.blocks.CharBlock", (), {"max_length": 120, "required": False}),
                    14: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("hand_picked", "Hand-picked products"),
                                ("newest", "Newest in a category"),
                                ("top", "Best sellers in a category"),
                                ("offer", "Products in an offer"),
                            ],
                            "help_text": "Where the products come from; other sources' fields are ignored.",
                        },
                    ),
                    15: (
                        "wagtail.blocks.ListBlock",
                        (10,),
                        {
                            "help_text": "In this order; sold-out ones hide until back in stock.",
                            "label": "Hand-picked products",
                            "max_num": 24,
                            "min_num": 0,
                        },
                    ),
                    16: (
                        "cms.blocks.CategoryChooserBlock",
                        (),
                        {
                            "help_text": "For newest and best sellers; empty: the whole shop.",
                            "required": False,
                        },
                    ),
                    17: (
                        "cms.blocks.OfferChooserBlock",
                        (),
                        {"help_text": "For products in an offer.", "required": False},
                    ),
                    18: (
                        "wagtail.blocks.IntegerBlock",
                        (),
                        {
                            "default": 8,
                            "help_text": "How many to show (1 to 24), for newest, best sellers and offer.",
                            "max_value": 24,
                            "min_value": 1,
                        },
                    ),
                    19: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("carousel", "Carousel: one scrolling row"),
                                ("grid", "Grid: rows of cards"),
                            ]
                        },
                    ),
                    20: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Links to the whole category, shop or offer, e.g. “All ceramics”; empty: no link.",
                            "label": "“See all” link",
                            "max_length": 40,
                            "required": False,
                        },
                    ),
                    21: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("title", 13),
                                ("source", 14),
                                ("products", 15),
                                ("category", 16),
                                ("offer", 17),
                                ("count", 18),
                                ("layout", 19),
                                ("see_all_label", 20),
                            ]
                        ],
                        {},
                    ),
                    22: ("cms.blocks.CategoryChooserBlock", (), {}),
                    23: ("wagtail.blocks.ListBlock", (22,), {"max_num": 12, "min_num": 1}),
                    24: ("wagtail.blocks.StructBlock", [[("title", 13), ("categories", 23)]], {}),
                    25: ("cms.blocks.OfferChooserBlock", (), {}),
                    26: ("wagtail.blocks.CharBlock", (), {"default": "See the offer", "max_length": 40}),
                    27: (
                        "wagtail.blocks.StructBlock",
                        [[("offer", 25), ("headline", 1), ("text", 2), ("image", 0), ("link_label", 26)]],
                        {},
                    ),
                    28: (
                        "cms.links.LinkBlock",
                        (),
                        {"help_text": "A path such as /catalogue/ or a full URL", "max_length": 255},
                    ),
                    29: ("wagtail.blocks.CharBlock", (), {"default": "Shop now", "max_length": 40}),
                    30: ("wagtail.blocks.StructBlock", [[("text", 1), ("link", 28), ("label", 29)]], {}),
                    31: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"default": "Questions and answers", "max_length": 120, "required": False},
                    ),
                    32: ("wagtail.blocks.CharBlock", (), {"max_length": 255}),
                    33: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "link", "ul", "ol"]},
                    ),
                    34: ("wagtail.blocks.StructBlock", [[("question", 32), ("answer", 33)]], {}),
                    35: ("wagtail.blocks.ListBlock", (34,), {"min_num": 1}),
                    36: ("wagtail.blocks.StructBlock", [[("title", 31), ("questions", 35)]], {}),
                },
            ),
        ),
        migrations.AlterField(
            model_name="landingpage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("hero", 5),
                    ("heading", 6),
                    ("paragraph", 7),
                    ("image", 9),
                    ("product", 12),
                    ("product_collection", 21),
                    ("category_tiles", 24),
                    ("offer_banner", 27),
                    ("call_to_action", 30),
                    ("faq", 36),
                ],
                blank=True,
                block_lookup={
                    0: ("wagtail.images.blocks.ImageChooserBlock", (), {"required": False}),
                    1: ("wagtail.blocks.CharBlock", (), {"max_length": 120}),
                    2: ("wagtail.blocks.CharBlock", (), {"max_length": 255, "required": False}),
                    3: ("wagtail.blocks.CharBlock", (), {"max_length": 40, "required": False}),
                    4: (
                        "cms.links.LinkBlock",
                        (),
                        {
                            "help_text": "A path such as /catalogue/ or a full URL",
                            "max_length": 255,
                            "required": False,
                        },
                    ),
                    5: (
                        "wagtail.blocks.StructBlock",
                        [[("image", 0), ("heading", 1), ("text", 2), ("link_label", 3), ("link", 4)]],
                        {},
                    ),
                    6: ("wagtail.blocks.StructBlock", [[("heading", 1), ("subheading", 2)]], {}),
                    7: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {
                            "icon": "pilcrow",
                            "preview_template": "cms/blocks/preview.html",
                            "preview_value": "<p>Every piece is made by hand in a Ukrainian workshop.</p>",
                            "template": "cms/blocks/paragraph.html",
                        },
                    ),
                    8: ("wagtail.images.blocks.ImageChooserBlock", (), {}),
                    9: ("wagtail.blocks.StructBlock", [[("image", 8), ("caption", 2)]], {}),
                    10: ("cms.blocks.ProductChooserBlock", (), {}),
                    11: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Why we love it, in a sentence", "max_length": 255, "required": False},
                    ),
                    12: ("wagtail.blocks.StructBlock", [[("product", 10), ("blurb", 11)]], {}),
                    13: ("wagtail.blocks.CharBlock", (), {"max_length": 120, "required": False}),
                    14: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("hand_picked", "Hand-picked products"),
                                ("newest", "Newest in a category"),
                                ("top", "Best sellers in a category"),
                                ("offer", "Products in an offer"),
                            ],
                            "help_text": "Where the products come from; other sources' fields are ignored.",
                        },
                    ),
                    15: (
                        "wagtail.blocks.ListBlock",
                        (10,),
                        {
                            "help_text": "In this order; sold-out ones hide until back in stock.",
                            "label": "Hand-picked products",
                            "max_num": 24,
                            "min_num": 0,
                        },
                    ),
                    16: (
                        "cms.blocks.CategoryChooserBlock",
                        (),
                        {
                            "help_text": "For newest and best sellers; empty: the whole shop.",
                            "required": False,
                        },
                    ),
                    17: (
                        "cms.blocks.OfferChooserBlock",
                        (),
                        {"help_text": "For products in an offer.", "required": False},
                    ),
                    18: (
                        "wagtail.blocks.IntegerBlock",
                        (),
                        {
                            "default": 8,
                            "help_text": "How many to show (1 to 24), for newest, best sellers and offer.",
                            "max_value": 24,
                            "min_value": 1,
                        },
                    ),
                    19: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("carousel", "Carousel: one scrolling row"),
                                ("grid", "Grid: rows of cards"),
                            ]
                        },
                    ),
                    20: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Links to the whole category, shop or offer, e.g. “All ceramics”; empty: no link.",
                            "label": "“See all” link",
                            "max_length": 40,
                            "required": False,
                        },
                    ),
                    21: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("title", 13),
                                ("source", 14),
                                ("products", 15),
                                ("category", 16),
                                ("offer", 17),
                                ("count", 18),
                                ("layout", 19),
                                ("see_all_label", 20),
                            ]
                        ],
                        {},
                    ),
                    22: ("cms.blocks.CategoryChooserBlock", (), {}),
                    23: ("wagtail.blocks.ListBlock", (22,), {"max_num": 12, "min_num": 1}),
                    24: ("wagtail.blocks.StructBlock", [[("title", 13), ("categories", 23)]], {}),
                    25: ("cms.blocks.OfferChooserBlock", (), {}),
                    26: ("wagtail.blocks.CharBlock", (), {"default": "See the offer", "max_length": 40}),
                    27: (
                        "wagtail.blocks.StructBlock",
                        [[("offer", 25), ("headline", 1), ("text", 2), ("image", 0), ("link_label", 26)]],
                        {},
                    ),
                    28: (
                        "cms.links.LinkBlock",
                        (),
                        {"help_text": "A path such as /catalogue/ or a full URL", "max_length": 255},
                    ),
                    29: ("wagtail.blocks.CharBlock", (), {"default": "Shop now", "max_length": 40}),
                    30: ("wagtail.blocks.StructBlock", [[("text", 1), ("link", 28), ("label", 29)]], {}),
                    31: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"default": "Questions and answers", "max_length": 120, "required": False},
                    ),
                    32: ("wagtail.blocks.CharBlock", (), {"max_length": 255}),
                    33: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "link", "ul", "ol"]},
                    ),
                    34: ("wagtail.blocks.StructBlock", [[("question", 32), ("answer", 33)]], {}),
                    35: ("wagtail.blocks.ListBlock", (34,), {"min_num": 1}),
                    36: ("wagtail.blocks.StructBlock", [[("title", 31), ("questions", 35)]], {}),
                },
            ),
        ),
        migrations.AlterField(
            model_name="standardpage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("hero", 5),
                    ("heading", 6),
                    ("paragraph", 7),
                    ("image", 9),
                    ("product", 12),
                    ("product_collection", 21),
                    ("category_tiles", 24),
                    ("offer_banner", 27),
                    ("call_to_action", 30),
                    ("faq", 36),
                ],
                blank=True,
                block_lookup={
                    0: ("wagtail.images.blocks.ImageChooserBlock", (), {"required": False}),
                    1: ("wagtail.blocks.CharBlock", (), {"max_length": 120}),
                    2: ("wagtail.blocks.CharBlock", (), {"max_length": 255, "required": False}),
                    3: ("wagtail.blocks.CharBlock", (), {"max_length": 40, "required": False}),
                    4: (
                        "cms.links.LinkBlock",
                        (),
                        {
                            "help_text": "A path such as /catalogue/ or a full URL",
                            "max_length": 255,
                            "required": False,
                        },
                    ),
                    5: (
                        "wagtail.blocks.StructBlock",
                        [[("image", 0), ("heading", 1), ("text", 2), ("link_label", 3), ("link", 4)]],
                        {},
                    ),
                    6: ("wagtail.blocks.StructBlock", [[("heading", 1), ("subheading", 2)]], {}),
                    7: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {
                            "icon": "pilcrow",
                            "preview_template": "cms/blocks/preview.html",
                            "preview_value": "<p>Every piece is made by hand in a Ukrainian workshop.</p>",
                            "template": "cms/blocks/paragraph.html",
                        },
                    ),
                    8: ("wagtail.images.blocks.ImageChooserBlock", (), {}),
                    9: ("wagtail.blocks.StructBlock", [[("image", 8), ("caption", 2)]], {}),
                    10: ("cms.blocks.ProductChooserBlock", (), {}),
                    11: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Why we love it, in a sentence", "max_length": 255, "required": False},
                    ),
                    12: ("wagtail.blocks.StructBlock", [[("product", 10), ("blurb", 11)]], {}),
                    13: ("wagtail.blocks.CharBlock", (), {"max_length": 120, "required": False}),
                    14: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("hand_picked", "Hand-picked products"),
                                ("newest", "Newest in a category"),
                                ("top", "Best sellers in a category"),
                                ("offer", "Products in an offer"),
                            ],
                            "help_text": "Where the products come from; other sources' fields are ignored.",
                        },
                    ),
                    15: (
                        "wagtail.blocks.ListBlock",
                        (10,),
                        {
                            "help_text": "In this order; sold-out ones hide until back in stock.",
                            "label": "Hand-picked products",
                            "max_num": 24,
                            "min_num": 0,
                        },
                    ),
                    16: (
                        "cms.blocks.CategoryChooserBlock",
                        (),
                        {
                            "help_text": "For newest and best sellers; empty: the whole shop.",
                            "required": False,
                        },
                    ),
                    17: (
                        "cms.blocks.OfferChooserBlock",
                        (),
                        {"help_text": "For products in an offer.", "required": False},
                    ),
                    18: (
                        "wagtail.blocks.IntegerBlock",
                        (),
                        {
                            "default": 8,
                            "help_text": "How many to show (1 to 24), for newest, best sellers and offer.",
                            "max_value": 24,
                            "min_value": 1,
                        },
                    ),
                    19: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("carousel", "Carousel: one scrolling row"),
                                ("grid", "Grid: rows of cards"),
                            ]
                        },
                    ),
                    20: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Links to the whole category, shop or offer, e.g. “All ceramics”; empty: no link.",
                            "label": "“See all” link",
                            "max_length": 40,
                            "required": False,
                        },
                    ),
                    21: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("title", 13),
                                ("source", 14),
                                ("products", 15),
                                ("category", 16),
                                ("offer", 17),
                                ("count", 18),
                                ("layout", 19),
                                ("see_all_label", 20),
                            ]
                        ],
                        {},
                    ),
                    22: ("cms.blocks.CategoryChooserBlock", (), {}),
                    23: ("wagtail.blocks.ListBlock", (22,), {"max_num": 12, "min_num": 1}),
                    24: ("wagtail.blocks.StructBlock", [[("title", 13), ("categories", 23)]], {}),
                    25: ("cms.blocks.OfferChooserBlock", (), {}),
                    26: ("wagtail.blocks.CharBlock", (), {"default": "See the offer", "max_length": 40}),
                    27: (
                        "wagtail.blocks.StructBlock",
                        [[("offer", 25), ("headline", 1), ("text", 2), ("image", 0), ("link_label", 26)]],
                        {},
                    ),
                    28: (
                        "cms.links.LinkBlock",
                        (),
                        {"help_text": "A path such as /catalogue/ or a full URL", "max_length": 255},
                    ),
                    29: ("wagtail.blocks.CharBlock", (), {"default": "Shop now", "max_length": 40}),
                    30: ("wagtail.blocks.StructBlock", [[("text", 1), ("link", 28), ("label", 29)]], {}),
                    31: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"default": "Questions and answers", "max_length": 120, "required": False},
                    ),
                    32: ("wagtail.blocks.CharBlock", (), {"max_length": 255}),
                    33: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "link", "ul", "ol"]},
                    ),
                    34: ("wagtail.blocks.StructBlock", [[("question", 32), ("answer", 33)]], {}),
                    35: ("wagtail.blocks.ListBlock", (34,), {"min_num": 1}),
                    36: ("wagtail.blocks.StructBlock", [[("title", 31), ("questions", 35)]], {}),
                },
            ),
        ),
    ]
