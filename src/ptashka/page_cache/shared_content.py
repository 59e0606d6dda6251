"""What every storefront page shows — menus, footer, announcements, the category tree — kept in each
worker process until the content generation moves on.

Signed-in shoppers and shoppers with a basket never get a cached page, yet their pages show the
same navigation as everyone's: loading it cost seven queries a page. Any save to the catalogue or
the CMS bumps the page cache's generation (ptashka.page_cache.invalidation), so an entry made under
the generation read at the start of the request is right until it changes; PAGE_CACHE_SECONDS caps
an entry's age for changes no signal reports (another process's local-memory cache in the embedded
mode). Without a generation (the cache is down) nothing is kept: every page reads the database.
"""

import time

from django.core.cache import cache

from . import keys

_REQUEST_ATTRIBUTE = "_ptashka_content_generation"
_UNREAD = object()
_entries = {}  # name -> (generation, monotonic deadline, value); a dict write is atomic under the GIL
# Names can carry a query (a listing's count per category and filter): past this many, start afresh
# rather than keep entries nobody asks for again.
MAX_ENTRIES = 2000


def current_generation(request=None):
    """The content generation, read from the cache once per request; None when the cache is down."""
    generation = getattr(request, _REQUEST_ATTRIBUTE, _UNREAD) if request is not None else _UNREAD
    if generation is not _UNREAD:
        return generation
    generation = cache.get(keys.GENERATION_KEY)
    if generation is None:
        fresh = keys.new_generation()
        generation = (
            fresh if cache.add(keys.GENERATION_KEY, fresh, timeout=None) else cache.get(keys.GENERATION_KEY)
        )
    remember_generation(request, generation)
    return generation


def remember_generation(request, generation):
    """Let this request's later reads use a generation already fetched (the page cache's get_many)."""
    if request is not None and generation is not None:
        setattr(request, _REQUEST_ATTRIBUTE, generation)


def kept(name, load, request=None):
    """load()'s value, shared by this process's requests while the generation stays the same."""
    generation = current_generation(request)
    now = time.monotonic()
    entry = _entries.get(name)
    if generation is not None and entry is not None and entry[0] == generation and entry[1] > now:
        return entry[2]
    value = load()
    if generation is not None:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[name] = (generation, now + keys.page_seconds(), value)
    return value
