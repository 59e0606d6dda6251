"""When cached pages stop being right: content changes bump the generation, schedules cap the lifetime."""

import logging

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from . import keys

logger = logging.getLogger(__name__)

# Apps whose rows storefront pages show: the catalogue, prices and stock, offers, approved reviews,
# Wagtail pages and their revisions, our snippets and settings, images, sites and redirects.
CONTENT_APPS = {
    "catalogue",
    "partner",
    "offer",
    "reviews",
    "cms",
    "wagtailcore",
    "wagtailimages",
    "wagtailredirects",
    "sites",
    "flatpages",
}
# Rows written while a page renders (a thumbnail made on first view); bumping on them would let
# every cache miss empty the cache.
IGNORED_MODELS = {("wagtailimages", "rendition")}


def bump_generation(**kwargs):
    """Make every stored page stale, now and again once the transaction commits.

    Now, for readers inside this transaction (and tests that never commit); on commit, because a
    page rendered between the change and the commit read the old rows and may have been stored
    under the first bump.
    """
    _write_generation()
    transaction.on_commit(_write_generation)


def _write_generation():
    cache.set(keys.GENERATION_KEY, keys.new_generation(), timeout=None)


def content_changed(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS:
        return
    if (meta.app_label, meta.model_name) in IGNORED_MODELS:
        return
    # A row may know that this save changes nothing a page shows (an order's stock move while
    # plenty are left, an offer counting its use): StockRecord and ConditionalOffer do.
    changes_storefront = getattr(kwargs.get("instance"), "changes_storefront", None)
    if changes_storefront is not None and not changes_storefront():
        return
    bump_generation()


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail import signals as wagtail_signals

    # post_save also covers StockRecord.allocate_or_refuse (an UPDATE that sends post_save itself),
    # so stock running low or out through an order makes its pages stale.
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal is post_save}-{id(signal)}")
    # Publishing on schedule (publish_scheduled) and unpublishing, of pages and snippets alike.
    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(bump_generation, dispatch_uid=f"page-cache-wagtail-{id(signal)}")


def next_content_boundary(now=None):
    """The next moment pages change with no save to tell us: an offer or announcement starts or ends,
    a page or snippet goes live or expires on schedule. None when nothing is scheduled."""
    now = now or timezone.now()
    moments = []
    ConditionalOffer = apps.get_model("offer", "ConditionalOffer")
    moments += _earliest(ConditionalOffer, now, "start_datetime", "end_datetime")
    Page = apps.get_model("wagtailcore", "Page")
    moments += _earliest(Page, now, "go_live_at", "expire_at")
    Revision = apps.get_model("wagtailcore", "Revision")
    moments += _earliest(Revision, now, "approved_go_live_at")
    for model_name in ("MainMenu", "Footer", "AnnouncementBar"):
        model = apps.get_model("cms", model_name)
        fields = ["go_live_at", "expire_at"]
        if model_name == "AnnouncementBar":
            fields += ["starts_at", "ends_at"]
        moments += _earliest(model, now, *fields)
    return min(moments) if moments else None


def _earliest(model, now, *fields):
    found = model.objects.aggregate(
        **{field: Min(field, filter=Q(**{f"{field}__gt": now})) for field in fields}
    )
    return [moment for moment in found.values() if moment is not None]
