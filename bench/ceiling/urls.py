"""The ceiling site's one page: a fixed 20 KB HTML document, the size of a shop listing page."""

from django.http import HttpResponse
from django.urls import path

PAGE_BYTES = 20 * 1024


def fixed_page_html(size=PAGE_BYTES):
    """A plausible HTML page of exactly ``size`` bytes: product cards until it is full."""
    head = "<!doctype html><html lang=en><head><meta charset=utf-8><title>Ceiling</title></head><body><main>"
    tail = "</main></body></html>"
    card = (
        '<article class="product"><h3><a href="/catalogue/p_{0}/">Product {0}</a></h3>'
        "<p>EUR 19.99</p></article>"
    )
    cards = []
    number = 0
    while len(head) + sum(map(len, cards)) + len(card.format(number)) + len(tail) <= size:
        cards.append(card.format(number))
        number += 1
    body = head + "".join(cards)
    return (body + " " * (size - len(body) - len(tail)) + tail).encode()


PAGE = fixed_page_html()


def fixed_page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", fixed_page)]
