"""Campaign landing pages, optionally tied to the Oscar offer they advertise."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import ShopStreamBlock
from cms.seo import SeoFields


class LandingPage(SeoFields, Page):
    introduction = models.CharField(max_length=255, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(ShopStreamBlock(), blank=True, use_json_field=True)
    offer = models.ForeignKey(
        "offer.ConditionalOffer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The offer this campaign advertises.",
    )
    offer_follows_page_schedule = models.BooleanField(
        "run the offer on the page's schedule",
        default=False,
        help_text="Publishing with a go-live or expiry date gives the offer the same start and end.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("offer"), FieldPanel("offer_follows_page_schedule")],
            heading="Campaign offer",
        ),
    ]
    promote_panels = SeoFields.promote_panels
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.LandingPage"]
    subpage_types = ["cms.LandingPage"]

    class Meta:
        verbose_name = "campaign landing page"

    def align_offer_with_schedule(self):
        """Give the campaign's offer the page's go-live and expiry dates, so both start and end together.

        An offer whose page goes live now keeps its own start; a shop manager may have opened it already.
        """
        if not (self.offer_id and self.offer_follows_page_schedule):
            return
        offer = self.offer
        if self.go_live_at and self.go_live_at > timezone.now():
            offer.start_datetime = self.go_live_at
        offer.end_datetime = self.expire_at
        offer.save(update_fields=["start_datetime", "end_datetime"])
