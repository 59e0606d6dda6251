"""Template tags that put the merchandisers' menu, footer and announcement bar on every storefront page."""

from django import template

from cms.navigation import AnnouncementBar, Footer, MainMenu
from ptashka.page_cache.shared_content import kept

register = template.Library()


def _previewed(context, model):
    # Wagtail's preview renders a snippet's unsaved draft; everywhere else the live one shows.
    candidate = context.get("preview_object")
    return candidate if isinstance(candidate, model) else None


@register.inclusion_tag("cms/navigation/main_menu.html", takes_context=True)
def main_menu(context):
    preview = _previewed(context, MainMenu)
    items = (
        _menu_items(preview) if preview else kept("main_menu", _current_menu_items, context.get("request"))
    )
    return {"menu_items": items, "request": context.get("request")}


def _current_menu_items():
    return _menu_items(MainMenu.current())


def _menu_items(menu):
    if menu is None:
        return []
    items = list(menu.items.all())
    _fetch_link_pages(items)
    return items


@register.inclusion_tag("cms/navigation/footer.html", takes_context=True)
def site_footer(context):
    preview = _previewed(context, Footer)
    footer, links = _footer(preview) if preview else kept("footer", _current_footer, context.get("request"))
    return {"footer": footer, "links": links, "request": context.get("request")}


def _current_footer():
    return _footer(Footer.current())


def _footer(footer):
    links = list(footer.links.all()) if footer is not None else []
    _fetch_link_pages(links)
    return footer, links


@register.inclusion_tag("cms/navigation/announcement_bar.html", takes_context=True)
def announcement_bar(context):
    preview = _previewed(context, AnnouncementBar)
    if preview:
        return {"announcement": preview}
    # Those still to come are kept too: one starting or ending shows or goes on time.
    bars = kept("announcement_bars", AnnouncementBar.not_over, context.get("request"))
    return {"announcement": AnnouncementBar.showing_of(bars)}


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
