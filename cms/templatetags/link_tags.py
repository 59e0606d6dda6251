"""The `safe_link` filter: a merchandiser's link as href only while it is safe, "" otherwise."""

from django import template

from cms.links import is_safe_link

register = template.Library()


@register.filter
def safe_link(url):
    """The link itself, or "" for one saved before links were checked (javascript:, data:...)."""
    return url if is_safe_link(url) else ""
