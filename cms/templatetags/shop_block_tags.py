"""The template tag that fetches the products of a page's shop blocks together, before they render."""

from django import template

from cms.blocks import PageShopProducts

register = template.Library()


@register.simple_tag
def shop_products_of(stream):
    return PageShopProducts(stream)
