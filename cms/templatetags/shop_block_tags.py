"""The template tag that fetches the products of a page's shop blocks together, before they render."""

from django import template

from cms.blocks import PageShopProducts

register = template.Library()


@register.simple_tag(takes_context=True)
def shop_products_of(context, stream):
    return PageShopProducts(stream, context.get("request"))
