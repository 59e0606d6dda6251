"""The links merchandisers may publish: http(s), mailto:, tel: and paths on this shop, never script."""

import html
import re
import unicodedata
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import blocks

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
# Relative links a merchandiser means: a path on this shop, an anchor on the page, a query on it.
RELATIVE_STARTS = ("/", "#", "?")
UNSAFE_LINK_MESSAGE = (
    "Use a link that starts with https://, http://, mailto: or tel:, or a path on this shop such as "
    "/catalogue/ (or #section, ?page=2)."
)

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_http_url = URLValidator(schemes=["http", "https"])


def _scheme(url):
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None


def _has_hidden_characters(url):
    # Browsers drop tabs, newlines and control characters, so "java\tscript:" runs as javascript:.
    return any(
        unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or (char.isspace() and char != " ")
        for char in url
    )


def _revealed(url):
    """The link with entity and percent encodings undone, as a browser or a careless client might."""
    for _ in range(5):
        decoded = unquote(html.unescape(url))
        if decoded == url:
            break
        url = decoded
    return "".join(char for char in url if not (char.isspace() or unicodedata.category(char)[0] in "CZ"))


def is_safe_link(url):
    """True for an http(s), mailto: or tel: link, or a relative path, anchor or query on this shop.

    Refused: every other scheme (javascript:, data:, vbscript:...) however it is disguised (case, entities,
    percent-encoding, hidden characters) and protocol-relative links (//host, /\\host), which look like a
    path on this shop but leave it; a merchandiser linking elsewhere writes https:// in full.
    """
    if not isinstance(url, str) or not url or url != url.strip(" ") or _has_hidden_characters(url):
        return False
    scheme = _scheme(url)
    if scheme != _scheme(_revealed(url)):
        return False  # an encoded scheme: what a browser or a decoding client runs is not what it looks like
    if scheme is None:
        return url.startswith(RELATIVE_STARTS) and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    if scheme in ("http", "https"):
        try:
            _http_url(url)
        except ValidationError:
            return False
        return True
    return scheme in SAFE_SCHEMES and len(url) > len(scheme) + 1


def validate_safe_link(value):
    """Refuse a link that is not is_safe_link(); an empty value is left to the field's own `blank`."""
    if value and not is_safe_link(value):
        raise ValidationError(UNSAFE_LINK_MESSAGE, code="unsafe_link")


class LinkBlock(blocks.CharBlock):
    """A link in a StreamField block: validated on save, and never served unsafe to a headless client."""

    def __init__(self, *args, validators=(), **kwargs):
        super().__init__(*args, validators=[validate_safe_link, *validators], **kwargs)

    def get_api_representation(self, value, context=None):
        return value if is_safe_link(value) else ""
