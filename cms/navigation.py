"""Navigation merchandisers edit as snippets: the main menu, the footer and the announcement bar."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PublishingPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.snippets.models import register_snippet

from cms.links import is_safe_link, validate_safe_link


class LinkFields(models.Model):
    """A link to a content page or to any path of the shop (such as /catalogue/ or /offers/)."""

    label = models.CharField(max_length=60)
    link_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link_url = models.CharField(
        "or a path / URL",
        max_length=255,
        blank=True,
        validators=[validate_safe_link],
        help_text="Used when no page is chosen",
    )

    panels = [FieldPanel("label"), FieldRowPanel([FieldPanel("link_page"), FieldPanel("link_url")])]

    class Meta:
        abstract = True

    @property
    def url(self):
        """Where the link goes; None while its page is unpublished, so no shopper meets a 404.

        None too for a path saved before links were checked that is not safe (javascript:...).
        """
        if self.link_page_id:
            page = self.link_page
            return page.url if page is not None and page.live else None
        return self.link_url if is_safe_link(self.link_url) else None

    def __str__(self):
        return self.label


class NavigationSnippet(DraftStateMixin, RevisionMixin, PreviewableMixin, ClusterableModel):
    """A snippet with drafts, revisions and preview; the storefront shows the newest live one."""

    name = models.CharField(max_length=60, help_text="For editors only")

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "cms/navigation/preview.html"

    def get_preview_context(self, request, mode_name):
        return {"preview_object": self}

    @classmethod
    def current(cls):
        return cls.objects.filter(live=True).order_by("-pk").first()


class MainMenu(NavigationSnippet):
    panels = [FieldPanel("name"), InlinePanel("items", label="Menu items", min_num=1), PublishingPanel()]

    class Meta:
        verbose_name = "main menu"


class MainMenuItem(LinkFields, Orderable):
    menu = ParentalKey(MainMenu, related_name="items", on_delete=models.CASCADE)


class Footer(NavigationSnippet):
    text = RichTextField(features=["bold", "italic", "link"], blank=True)

    panels = [FieldPanel("name"), FieldPanel("text"), InlinePanel("links", label="Links"), PublishingPanel()]

    class Meta:
        verbose_name = "footer"


class FooterLink(LinkFields, Orderable):
    footer = ParentalKey(Footer, related_name="links", on_delete=models.CASCADE)


class AnnouncementBar(DraftStateMixin, RevisionMixin, PreviewableMixin, models.Model):
    """A one-line message over every storefront page between its start and end."""

    text = models.CharField(max_length=160)
    link_url = models.CharField(
        "link",
        max_length=255,
        blank=True,
        validators=[validate_safe_link],
        help_text="A path such as /offers/",
    )
    starts_at = models.DateTimeField(null=True, blank=True, help_text="Empty: shown as soon as published")
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Empty: shown until unpublished")

    panels = [
        FieldPanel("text"),
        FieldPanel("link_url"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = "announcement bar"

    def __str__(self):
        return self.text

    def get_preview_template(self, request, mode_name):
        return "cms/navigation/preview.html"

    def get_preview_context(self, request, mode_name):
        return {"preview_object": self}

    @classmethod
    def current(cls, now=None):
        return cls.showing_of(cls.not_over(now), now)

    @classmethod
    def not_over(cls, now=None):
        """Live bars showing now or later, the one published last first: it wins when several overlap."""
        now = now or timezone.now()
        not_over = Q(ends_at__isnull=True) | Q(ends_at__gt=now)
        latest = F("last_published_at").desc(nulls_last=True)
        return list(cls.objects.filter(not_over, live=True).order_by(latest, "-pk"))

    @staticmethod
    def showing_of(bars, now=None):
        """The first of ``bars`` (in not_over's order) whose time has come and not gone."""
        now = now or timezone.now()
        for bar in bars:
            if (bar.starts_at is None or bar.starts_at <= now) and (bar.ends_at is None or bar.ends_at > now):
                return bar
        return None


register_snippet(MainMenu)
register_snippet(Footer)
register_snippet(AnnouncementBar)
