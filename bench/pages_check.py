"""Checks that a measured page is a real page: a 200 that lists the products it should, not an empty shell."""

import html as html_entities
import re

# What Oscar and Ptashka print when a listing or a search finds nothing.
EMPTY_LISTING_SIGNS = (
    "0 results",
    "no products found",
    "there are no products",
    "found 0 results",
)


class NotARealPage(AssertionError):
    """The page is an error page, an empty listing, or lacks the products it was expected to show."""


def page_text(html):
    """The page's visible text, entities decoded and whitespace squeezed, lower-cased."""
    without_scripts = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", without_scripts)
    return re.sub(r"\s+", " ", html_entities.unescape(text)).strip().lower()


def assert_real_page(html, expected_titles, minimum=1, status=200):
    """Fail unless ``html`` (a page's body, str or bytes) shows at least ``minimum`` of ``expected_titles``.

    ``status`` may be given to check the response code alongside (anything but 200 fails). Returns
    the titles found, so a caller can report how many products the page really listed.
    """
    if status != 200:
        raise NotARealPage(f"status {status}, not 200")
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    text = page_text(html)
    if not text:
        raise NotARealPage("the page has no text")
    for sign in EMPTY_LISTING_SIGNS:
        if re.search(rf"(^|\W){re.escape(sign)}(\W|$)", text):
            raise NotARealPage(f"the page says {sign!r}")
    titles = [title for title in dict.fromkeys(expected_titles) if title]
    # Listings shorten long titles on screen ("…") but keep the full one in the link's title attribute.
    markup = html_entities.unescape(html).lower()
    found = [title for title in titles if title.strip().lower() in text or title.strip().lower() in markup]
    if len(found) < min(minimum, len(titles)) or not titles:
        raise NotARealPage(
            f"found {len(found)} of the {len(titles)} expected product titles (needed {minimum}); "
            f"first expected: {titles[:3]!r}"
        )
    return found
