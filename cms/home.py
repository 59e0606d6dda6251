"""The home page: the site root, a hero and a StreamField of content and live shop blocks."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import ShopStreamBlock
from cms.links import validate_safe_link
from cms.seo import SeoFields


class HomePage(SeoFields, Page):
    hero_title = models.CharField(max_length=120, blank=True)
    hero_text = models.CharField(max_length=255, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_cta_text = models.CharField("call to action", max_length=60, blank=True)
    hero_cta_link = models.CharField(
        "call to action link",
        max_length=255,
        blank=True,
        validators=[validate_safe_link],
        help_text="A path such as /catalogue/",
    )
    body = StreamField(ShopStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_text"),
                FieldPanel("hero_cta_link"),
            ],
            heading="Hero",
        ),
        FieldPanel("body"),
    ]
    promote_panels = SeoFields.promote_panels
    search_fields = Page.search_fields + [
        index.SearchField("hero_title"),
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.LandingPage",
        "cms.ArticleIndexPage",
        "cms.CategoryLandingPage",
        "cms.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"
