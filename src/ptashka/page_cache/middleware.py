"""The full-page cache: visitors without a session or basket get stored pages with their own token and nonce.

A stored page keeps placeholders where the response's CSP nonce and CSRF tokens were; every hit
writes a fresh nonce into body and header and a token of the visitor's own CSRF secret (a new one,
with its cookie, for a first visit), so forms on a cached page work without JavaScript and no two
visitors share a nonce or a secret. A hit costs one cache round trip: the content generation and
the schedule boundary, with the page itself only when this worker does not hold it yet — each
worker keeps the pages it served last (LOCAL_PAGES), so a hit does not move a 60 KB page out of
Redis and unpickle it every time; a kept page serves only while the generation is the one it was
stored under, and never past its expiry.
"""

import base64
import logging
import os
import re
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, _unmask_cipher_token
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from . import invalidation, keys, shared_content

logger = logging.getLogger(__name__)

HEADER = "X-Cache"
NONCE_MARK = "ptashka-page-cache-nonce-3f9c1a"
CSRF_MARK = "ptashka-page-cache-csrf-token-placeholder-5b2e8d04c7a1f96e3d0b4a"
# What {% csrf_token %} writes: 64 letters and digits, a mask and the masked secret.
MASKED_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# Vary values a stored page may carry: the key has the language, and only visitors without state
# cookies are served, so for them the page does not vary on Cookie.
STORABLE_VARY = {"cookie", "accept-language", "accept-encoding"}
# Pages each worker keeps in memory (about 60 KB each), the least recently served dropped first.
LOCAL_PAGES = 200
_local_pages = OrderedDict()
_local_lock = threading.Lock()


def is_current(entry, generation):
    """Stored under this generation and not past its time (Redis's TTL says so too; a copy kept by a
    worker has only this)."""
    return (
        entry is not None
        and generation is not None
        and entry["generation"] == generation
        and entry.get("expires_at", float("inf")) > time.time()
    )


def local_page(key, generation):
    """This worker's copy of a stored page, if it is still current."""
    with _local_lock:
        entry = _local_pages.get(key)
        if entry is None:
            return None
        if not is_current(entry, generation):
            del _local_pages[key]
            return None
        _local_pages.move_to_end(key)
        return entry


def keep_local_page(key, entry):
    with _local_lock:
        _local_pages[key] = entry
        _local_pages.move_to_end(key)
        while len(_local_pages) > LOCAL_PAGES:
            _local_pages.popitem(last=False)


# Headers rewritten on each hit rather than stored.
UNSTORED_HEADERS = {"content-length", "date", HEADER.lower()}


def nonce_for_hit():
    # As django-csp makes one: 16 random bytes, base64.
    return base64.b64encode(os.urandom(16)).decode("ascii")


# Bytes below this (the largest multiple of 62 under 256) map evenly onto CSRF_ALLOWED_CHARS.
_UNBIASED_BELOW = 256 - 256 % len(CSRF_ALLOWED_CHARS)
_CHAR_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}


def random_csrf_chars(count):
    """count letters and digits, each equally likely, from os.urandom.

    What Django's get_random_string gives, from one urandom read instead of one secrets.choice per
    character: a first visit to a cached page needs 64 of them (a secret and a mask), and drawing
    them one by one took a fifth of the hit.
    """
    chars = []
    while len(chars) < count:
        chars.extend(
            CSRF_ALLOWED_CHARS[byte % len(CSRF_ALLOWED_CHARS)]
            for byte in os.urandom(count + 8)
            if byte < _UNBIASED_BELOW
        )
    return "".join(chars[:count])


def masked_csrf_token(secret):
    """A token of this secret as {% csrf_token %} writes one: Django's cipher (a random mask, then
    each secret character shifted by the mask's), which CsrfViewMiddleware unmasks."""
    mask = random_csrf_chars(CSRF_SECRET_LENGTH)
    size = len(CSRF_ALLOWED_CHARS)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_CHAR_INDEX[char] + _CHAR_INDEX[shift]) % size]
        for char, shift in zip(secret, mask, strict=True)
    )
    return mask + cipher


def state_cookie_names():
    """Cookies that mean a page must be rendered for this visitor: a session (signed in, a CSRF
    secret kept in it, a password-protected page opened), a basket, queued messages."""
    return (
        settings.SESSION_COOKIE_NAME,
        settings.OSCAR_BASKET_COOKIE_OPEN,
        getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
    )


def is_cacheable_request(request):
    if not settings.PAGE_CACHE_ENABLED or request.method != "GET":
        return False
    if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATH_PREFIXES)):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not any(name in request.COOKIES for name in state_cookie_names())


class PageCacheMiddleware:
    """Answers cached pages before sessions, authentication and messages run; stores the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self._mark(self.get_response(request), "bypass")
        try:
            key = keys.page_key(request)
        except DisallowedHost:
            return self._mark(self.get_response(request), "bypass")
        held = key in _local_pages  # a hint only: local_page decides under the lock
        wanted = (
            [keys.GENERATION_KEY, keys.BOUNDARY_KEY]
            if held
            else [key, keys.GENERATION_KEY, keys.BOUNDARY_KEY]
        )
        found = cache.get_many(wanted)
        generation = found.get(keys.GENERATION_KEY)
        shared_content.remember_generation(request, generation)
        entry = local_page(key, generation) if generation is not None else None
        if entry is None:
            # Not held here, or held from an older generation: another worker may have stored it since.
            entry = found.get(key) if not held else cache.get(key)
            if not is_current(entry, generation):
                entry = None
            elif "expires_at" in entry:
                keep_local_page(key, entry)
        if entry is not None and self._fits_visitor(request, entry):
            return self._hit(request, entry)
        response = self.get_response(request)
        self._mark(response, "miss")
        self._store(request, response, key, generation, found.get(keys.BOUNDARY_KEY))
        return response

    @staticmethod
    def _mark(response, outcome):
        response[HEADER] = outcome
        return response

    @staticmethod
    def _has_history(request):
        return settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME in request.COOKIES

    def _fits_visitor(self, request, entry):
        # A product page lists the visitor's recently viewed products: one with a history gets theirs.
        return not (entry["history"] and self._has_history(request))

    # --- a hit ------------------------------------------------------------------------------------

    def _hit(self, request, entry):
        body = entry["body"]
        headers = entry["headers"]
        if entry["nonce"]:
            nonce = nonce_for_hit()
            body = body.replace(NONCE_MARK, nonce)
            headers = [(name, value.replace(NONCE_MARK, nonce)) for name, value in headers]
        response = HttpResponse(status=entry["status"])
        for name, value in headers:
            response[name] = value
        if entry["csrf"]:
            body = body.replace(CSRF_MARK, self._visitor_csrf_token(request, response))
        response.content = body.encode(entry["charset"])
        for name, value, flags in entry["cookies"]:
            response.cookies[name] = value
            response.cookies[name].update(flags)
        response["Date"] = http_date()
        return self._mark(response, "hit")

    @staticmethod
    def _visitor_csrf_token(request, response):
        """A token of the visitor's own secret: the one in their cookie, or a new one they get now."""
        secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        if len(secret) == CSRF_SECRET_LENGTH and all(char in _CHAR_INDEX for char in secret):
            return masked_csrf_token(secret)
        secret = random_csrf_chars(CSRF_SECRET_LENGTH)
        token = masked_csrf_token(secret)
        # What CsrfViewMiddleware would set; it does not run on a hit.
        response.set_cookie(
            settings.CSRF_COOKIE_NAME,
            secret,
            max_age=settings.CSRF_COOKIE_AGE,
            domain=settings.CSRF_COOKIE_DOMAIN,
            path=settings.CSRF_COOKIE_PATH,
            secure=settings.CSRF_COOKIE_SECURE,
            httponly=settings.CSRF_COOKIE_HTTPONLY,
            samesite=settings.CSRF_COOKIE_SAMESITE,
        )
        patch_vary_headers(response, ("Cookie",))
        return token

    # --- a miss -----------------------------------------------------------------------------------

    def _store(self, request, response, key, generation, boundary):
        if generation is None:
            # A cache that lost (or never had) the generation gets one no stored page carries.
            cache.add(keys.GENERATION_KEY, keys.new_generation(), timeout=None)
            return
        entry = self._entry(request, response)
        if entry is None:
            return
        seconds = self._seconds_left(generation, boundary)
        if seconds < 1:
            return
        entry["generation"] = generation
        entry["expires_at"] = time.time() + seconds
        cache.set(key, entry, timeout=seconds)
        keep_local_page(key, entry)

    def _seconds_left(self, generation, boundary):
        """PAGE_CACHE_SECONDS, or less when an offer, page or announcement is scheduled to change."""
        now = time.time()
        if boundary is None or boundary["generation"] != generation or (boundary["at"] or now + 1) <= now:
            moment = invalidation.next_content_boundary()
            boundary = {"generation": generation, "at": moment.timestamp() if moment else None}
            cache.set(keys.BOUNDARY_KEY, boundary, timeout=keys.page_seconds())
        seconds = keys.page_seconds()
        if boundary["at"] is not None:
            seconds = min(seconds, int(boundary["at"] - now))
        return seconds

    def _entry(self, request, response):
        """The response as a stored page, or None when it must not be shared."""
        if response.status_code != 200 or response.streaming:
            return None
        if not response.get("Content-Type", "").startswith("text/html"):
            return None
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("no-store", "no-cache", "private")):
            return None
        vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}
        if not vary <= STORABLE_VARY:
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        cookies, history = [], False
        for name, morsel in response.cookies.items():
            if name == settings.CSRF_COOKIE_NAME:
                continue  # each hit gives its visitor their own
            if name == settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME and not self._has_history(request):
                # For a visitor without history it holds this product only: the same for every one.
                cookies.append((name, morsel.value, dict(morsel)))
                history = True
                continue
            return None
        charset = response.charset
        body = response.content.decode(charset)
        nonce = getattr(request, "_csp_nonce", None)
        if isinstance(nonce, str) and nonce:
            body = body.replace(nonce, NONCE_MARK)
        headers = []
        for name, value in response.items():
            if name.lower() in UNSTORED_HEADERS:
                continue
            if isinstance(nonce, str) and nonce:
                value = value.replace(nonce, NONCE_MARK)
            headers.append((name, value))
        body, has_tokens = self._tokens_to_placeholders(request, body)
        if has_tokens is None:
            return None
        return {
            "status": response.status_code,
            "headers": headers,
            "body": body,
            "charset": charset,
            "nonce": bool(nonce),
            "csrf": has_tokens,
            "cookies": cookies,
            "history": history,
        }

    @staticmethod
    def _tokens_to_placeholders(request, body):
        """The body with every CSRF token of this request's secret replaced; None if unsafe to share."""
        secret = request.META.get("CSRF_COOKIE")
        if not secret:
            return body, False
        if settings.CSRF_USE_SESSIONS:
            return body, None
        found = False

        def placeholder(match):
            nonlocal found
            if _unmask_cipher_token(match.group(0)) != secret:
                return match.group(0)
            found = True
            return CSRF_MARK

        replaced = MASKED_TOKEN.sub(placeholder, body)
        # The raw secret must never reach a stored page.
        if secret in replaced:
            return body, None
        return replaced, found
