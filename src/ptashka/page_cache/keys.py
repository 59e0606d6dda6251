"""What a cached page is keyed by, and the content generation every entry is checked against."""

import hashlib
import time

from django.conf import settings
from django.utils import translation

# One number for all storefront content: bumped whenever a page, product, price, stock record, offer
# or menu changes, so every entry rendered before the change stops matching at once.
GENERATION_KEY = "page_cache:generation"
# The next moment something scheduled changes what pages show (an offer starts, a page goes live),
# with the generation it was computed at: entries never outlive it.
BOUNDARY_KEY = "page_cache:boundary"


def scheme_and_host(request):
    return f"{request.scheme}://{request.get_host()}"


def language(request):
    # What LocaleMiddleware will pick (cookie, then Accept-Language); it has not run yet on a hit.
    return translation.get_language_from_request(request)


def path_and_query(request):
    return request.get_full_path()


# Everything that changes what an anonymous visitor without a basket sees. Add a part here when
# something else starts to (the market or currency a visitor picked): one function of the request.
KEY_PARTS = (scheme_and_host, language, path_and_query)


def page_key(request):
    """The cache key of this request's page; raises DisallowedHost for a host the site does not serve."""
    variant = "\n".join(part(request) for part in KEY_PARTS)
    digest = hashlib.blake2b(variant.encode(), digest_size=20).hexdigest()
    return f"page_cache:page:{digest}"


def new_generation():
    # Unique rather than incremented: a bump needs no read, and a generation lost from Redis (a
    # flush, an eviction) is replaced by one no stored page carries.
    return time.time_ns()


def page_seconds():
    return settings.PAGE_CACHE_SECONDS
