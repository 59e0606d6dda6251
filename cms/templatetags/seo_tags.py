"""Template tags for schema.org JSON-LD: Product/Offer on product pages, BreadcrumbList on categories."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cms import seo, shop

register = template.Library()

# The same escapes as Django's json_script: the JSON cannot close the script element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _json_ld(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def product_json_ld(context, product):
    """Product + Offer for a product page, priced by the strategy for this request."""
    request = context["request"]
    info = shop.purchase_info_for(product, shop.strategy_for(request))
    return _json_ld(seo.product_ld(product, info, request))


@register.simple_tag(takes_context=True)
def category_breadcrumbs_json_ld(context, category):
    """BreadcrumbList from the catalogue's top category down to this one."""
    request = context["request"]
    crumbs = [
        (c.name, request.build_absolute_uri(c.get_absolute_url())) for c in category.get_ancestors_and_self()
    ]
    return _json_ld(seo.breadcrumb_list(crumbs))


@register.simple_tag(takes_context=True)
def page_breadcrumbs_json_ld(context, page):
    return _json_ld(seo.breadcrumb_list(seo.page_breadcrumbs(page, context["request"])))
