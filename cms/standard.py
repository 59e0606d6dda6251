"""Plain content pages: about us, delivery, returns."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import ShopStreamBlock
from cms.seo import SeoFields


class StandardPage(SeoFields, Page):
    body = StreamField(ShopStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    promote_panels = SeoFields.promote_panels
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = "standard page"
