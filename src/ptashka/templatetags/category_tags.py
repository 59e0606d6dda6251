"""Oscar's ``category_tree`` tag, served from the request's one-query category tree (ptashka.category_tree).

Registered in place of Oscar's ``category_tags`` library (TEMPLATES' "libraries" option), so
Oscar's templates — the navigation's "Browse store" menu, the browse pages' side tree — keep
their ``{% category_tree %}`` calls and stop costing two queries and a cache GET per link each.
"""

from django import template

from ptashka.category_tree import CategoryTree

register = template.Library()


@register.simple_tag(name="category_tree", takes_context=True)
def category_tree(context, depth=None, parent=None):
    return CategoryTree.for_request(context.get("request")).menu(depth=depth, parent=parent)


@register.simple_tag(takes_context=True)
def category_url(context, category):
    """A category's address without Oscar's per-category cache lookup."""
    return CategoryTree.for_request(context.get("request")).url(category)
