"""Template tags that put the merchandisers' menu, footer and announcement bar on every storefront page."""

from django import template

from cms.navigation import AnnouncementBar, Footer, MainMenu

register = template.Library()


def _previewed(context, model):
    # Wagtail's preview renders a snippet's unsaved draft; everywhere else the live one shows.
    candidate = context.get("preview_object")
    return candidate if isinstance(candidate, model) else None


@register.inclusion_tag("cms/navigation/main_menu.html", takes_context=True)
def main_menu(context):
    menu = _previewed(context, MainMenu) or MainMenu.current()
    items = []
    if menu is not None:
        items = list(menu.items.all())
        _fetch_link_pages(items)
    return {"menu_items": items, "request": context.get("request")}


@register.inclusion_tag("cms/navigation/footer.html", takes_context=True)
def site_footer(context):
    footer = _previewed(context, Footer) or Footer.current()
    links = list(footer.links.all()) if footer is not None else []
    _fetch_link_pages(links)
    return {"footer": footer, "links": links, "request": context.get("request")}


@register.inclusion_tag("cms/navigation/announcement_bar.html", takes_context=True)
def announcement_bar(context):
    return {"announcement": _previewed(context, AnnouncementBar) or AnnouncementBar.current()}


def _fetch_link_pages(links):
    """Load the pages the links point at in one query instead of one per link."""
    from wagtail.models import Page

    ids = {link.link_page_id for link in links if link.link_page_id}
    if not ids:
        return
    pages = Page.objects.in_bulk(ids)
    for link in links:
        if link.link_page_id:
            link.link_page = pages.get(link.link_page_id)
