"""The one check every merchandiser link passes: http(s), mailto:, tel: and paths pass, script never does."""

import pytest
from django.core.exceptions import ValidationError

from cms.links import LinkBlock, is_safe_link, validate_safe_link
from cms.templatetags.link_tags import safe_link

SAFE_LINKS = [
    "https://ptashka.ua/about/",
    "http://example.org",
    "HTTPS://Ptashka.ua/Sale/",
    "mailto:shop@ptashka.ua?subject=Order question",
    "tel:+380441234567",
    "/catalogue/",
    "/search/?q=red%20cup",
    "#delivery",
    "?page=2",
]

UNSAFE_LINKS = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\u200bscript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "javascript%3Aalert(1)",
    "%6Aavascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "/\\evil.example/",
    "https:alert(1)",
    "mailto:",
    "catalogue/",
    "www.example.org",
]


@pytest.mark.parametrize("url", SAFE_LINKS)
def test_web_mail_phone_and_shop_links_are_safe(url):
    assert is_safe_link(url)
    validate_safe_link(url)
    assert safe_link(url) == url


@pytest.mark.parametrize("url", UNSAFE_LINKS)
def test_script_links_and_their_disguises_are_refused(url):
    assert not is_safe_link(url)
    with pytest.raises(ValidationError) as refused:
        validate_safe_link(url)
    assert refused.value.code == "unsafe_link"
    assert safe_link(url) == ""


def test_an_empty_link_is_left_to_the_field_to_allow_or_require():
    validate_safe_link("")

    assert safe_link("") == "" and safe_link(None) == ""


def test_a_link_block_refuses_a_script_link_and_never_serves_one():
    block = LinkBlock(required=False)

    with pytest.raises(ValidationError):
        block.clean("javascript:alert(1)")
    assert block.clean("/offers/") == "/offers/"
    assert block.get_api_representation("javascript:alert(1)") == ""
    assert block.get_api_representation("/offers/") == "/offers/"
