"""The roots Wagtail's migrations create (locale, page tree, collection), put back if missing.

A database whose tables were emptied after migrating (a flushed test database reused by the next
run) has none of them, and every page and image of the demo hangs from them.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page


def ensure_wagtail_roots():
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(title="Root", slug="root")
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
