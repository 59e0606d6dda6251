"""Reading the basket and checkout pages in tests: their HTML, their words, a provider's reference."""

import re

# The Dummy gateway's payment reference looks like "dummy_order-100001-start-1".
DUMMY_REFERENCE = re.compile(r"dummy_order-|-start-\d")


def html_of(response):
    return response.content.decode()


def text_of(response):
    """The page's words, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html_of(response)).split())
