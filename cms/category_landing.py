"""Category landing pages: a merchandiser's content above Oscar's own listing of one category."""

from django.db import models
from django.template.response import TemplateResponse
from oscar.core.loading import get_class
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import ShopStreamBlock
from cms.seo import SeoFields

ProductCategoryView = get_class("catalogue.views", "ProductCategoryView")


class CategoryListingView(ProductCategoryView):
    """Oscar's category listing (sorting, pagination) served at the landing page's own URL."""

    template_name = "cms/category_landing_page.html"
    enforce_paths = False
    page = None

    def first_page_url(self):
        return self.page.url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = context["self"] = self.page
        return context


class CategoryLandingPage(SeoFields, Page):
    category = models.OneToOneField(
        "catalogue.Category",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Its products are listed under the page's content, as in the shop.",
    )
    body = StreamField(ShopStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        FieldPanel("category"),
        FieldPanel("body"),
    ]
    promote_panels = SeoFields.promote_panels
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "category landing page"

    def serve(self, request, *args, **kwargs):
        if self.category_id is None or not self.category.is_public:
            # The category was deleted or hidden in the shop: the editorial content still stands.
            return TemplateResponse(request, "cms/standard_page.html", self.get_context(request))
        view = CategoryListingView.as_view(page=self)
        return view(request, pk=self.category_id)

    def serve_preview(self, request, mode_name):
        # Wagtail previews render the page template alone; this one needs Oscar's listing around it.
        request.is_preview = True
        request.preview_mode = mode_name
        return self.serve(request)
