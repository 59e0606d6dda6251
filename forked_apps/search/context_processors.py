"""The storefront's search form in every storefront template, and nowhere else."""

from django.urls import NoReverseMatch, reverse
from oscar.core.loading import get_class

SearchForm = get_class("search.forms", "SearchForm")


def _wagtail_admin_prefix():
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return None


def search_form(request):
    """Oscar's site-wide `search_form`, except in Wagtail's admin.

    Wagtail's listing headers render a `search_form` from the context when their view has none of
    its own, so page history and Reports → Site history showed the storefront's "Relevancy" sort
    menu over the admin's search field.
    """
    prefix = _wagtail_admin_prefix()
    if prefix and request.path.startswith(prefix):
        return {}
    return {"search_form": SearchForm(request.GET)}
