"""The journal: stories about makers and crafts, tagged, each with the products it talks about."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import shop
from cms.blocks import ProductChooserBlock, StoryStreamBlock
from cms.seo import SeoFields


class ArticleIndexPage(SeoFields, Page):
    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    promote_panels = SeoFields.promote_panels
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]
    articles_per_page = 12

    class Meta:
        verbose_name = "journal"

    def articles(self, tag=None):
        articles = ArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")
        if tag:
            articles = articles.filter(tags__slug=tag)
        return articles.select_related("hero_image").prefetch_related("tags")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("tag", "").strip()
        paginator = Paginator(self.articles(tag), self.articles_per_page)
        try:
            articles = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            articles = paginator.page(1)
        except EmptyPage:
            articles = paginator.page(paginator.num_pages)
        context.update(articles=articles, tag=tag)
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("cms.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(SeoFields, Page):
    date = models.DateField("published on")
    introduction = models.CharField(max_length=255, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(StoryStreamBlock(), blank=True, use_json_field=True)
    shop_the_story = StreamField(
        [("product", ProductChooserBlock())],
        blank=True,
        use_json_field=True,
        verbose_name="shop this story",
        help_text="Products the story mentions; shown under it with live prices, sold-out ones hidden.",
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("shop_the_story"),
        FieldPanel("tags"),
    ]
    promote_panels = SeoFields.promote_panels
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "journal article"

    def story_products(self, request=None):
        chosen = [block.value.pk for block in self.shop_the_story if block.value is not None]
        return shop.shop_items(shop.products_by_ids(chosen), request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["story_items"] = self.story_products(request)
        return context
