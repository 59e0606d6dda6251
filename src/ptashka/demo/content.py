"""The demo's shoppable content from fixtures/content.json: a campaign, a category landing page, a
journal with two stories, delivery and about pages, and the menu, footer and announcement bar."""

import datetime
import uuid

from django.utils import timezone
from oscar.core.loading import get_model

from cms.category_landing import CategoryLandingPage
from cms.home import HomePage
from cms.journal import ArticleIndexPage, ArticlePage
from cms.landing import LandingPage
from cms.navigation import AnnouncementBar, Footer, FooterLink, MainMenu, MainMenuItem
from cms.standard import StandardPage
from ptashka.demo.catalogue import DemoCatalogue
from ptashka.demo.fixture_files import read_fixture
from ptashka.demo.images import wagtail_banner
from ptashka.demo.tally import Tally

ConditionalOffer = get_model("offer", "ConditionalOffer")


def load_content(catalogue: DemoCatalogue, home: HomePage, tally: Tally, with_images: bool = True) -> None:
    """Build what is missing; a page, menu or bar that exists already (by slug or name) is kept as it is."""
    data = read_fixture("content.json")
    pictures = {}
    if with_images:
        pictures = {
            entry["key"]: wagtail_banner(
                entry["title"], entry["caption"], (entry["width"], entry["height"]), tally
            )
            for entry in data["images"]
        }
    resolve = _Resolver(catalogue, pictures)

    campaign = data["campaign"]
    _page(
        home,
        campaign["slug"],
        tally,
        lambda: LandingPage(
            title=campaign["title"],
            slug=campaign["slug"],
            seo_title=campaign["seo_title"],
            search_description=campaign["search_description"],
            introduction=campaign["introduction"],
            hero_image=pictures.get(campaign["hero_image"]),
            offer=ConditionalOffer.objects.get(name=campaign["offer"]),
            body=resolve.stream(campaign["body"]),
        ),
    )

    landing = data["category_landing"]
    _page(
        home,
        landing["slug"],
        tally,
        lambda: CategoryLandingPage(
            title=landing["title"],
            slug=landing["slug"],
            seo_title=landing["seo_title"],
            search_description=landing["search_description"],
            category=catalogue.categories[landing["category"]],
            body=resolve.stream(landing["body"]),
        ),
    )

    entry = data["journal"]
    journal = _page(
        home,
        entry["slug"],
        tally,
        lambda: ArticleIndexPage(
            title=entry["title"],
            slug=entry["slug"],
            seo_title=entry["seo_title"],
            search_description=entry["search_description"],
            introduction=entry["introduction"],
        ),
    )
    for article in entry["articles"]:
        _page(journal, article["slug"], tally, lambda article=article: _article(article, resolve, pictures))

    for standard in data["standard_pages"]:
        _page(
            home,
            standard["slug"],
            tally,
            lambda standard=standard: StandardPage(
                title=standard["title"],
                slug=standard["slug"],
                search_description=standard["search_description"],
                body=resolve.stream(standard["body"]),
            ),
        )

    pages = {page.slug: page for page in home.get_descendants()}
    _main_menu(data["main_menu"], pages, tally)
    _footer(data["footer"], pages, tally)
    _announcement(data["announcement"], tally)


def _page(parent, slug, tally, build):
    existing = parent.get_children().filter(slug=slug).specific().first()
    tally.count("pages", existing is None)
    if existing is not None:
        return existing
    page = build()
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _article(entry, resolve, pictures):
    article = ArticlePage(
        title=entry["title"],
        slug=entry["slug"],
        date=datetime.date.fromisoformat(entry["date"]),
        introduction=entry["introduction"],
        hero_image=pictures.get(entry["hero_image"]),
        body=resolve.stream(entry["body"]),
        shop_the_story=[("product", resolve.product(upc)) for upc in entry["shop_the_story"]],
    )
    article.tags.add(*entry["tags"])
    return article


class _Resolver:
    """Turns the fixture's UPCs, category codes, offer names and image keys into StreamField data."""

    def __init__(self, catalogue, pictures):
        self.catalogue = catalogue
        self.pictures = pictures

    def product(self, upc):
        return self.catalogue.products[upc]

    def stream(self, blocks):
        resolved = (
            self._block(raw["type"], dict(raw["value"]) if isinstance(raw["value"], dict) else raw["value"])
            for raw in blocks
        )
        return [block for block in resolved if block is not None]

    def _block(self, kind, value):
        if kind == "product_collection":
            value.setdefault("products", [])
            value["products"] = [self.product(upc).pk for upc in value["products"]]
            value["category"] = (
                self.catalogue.categories[value["category"]].pk if value.get("category") else None
            )
            value["offer"] = self._offer(value["offer"]) if value.get("offer") else None
        elif kind == "product":
            value["product"] = self.product(value["product"]).pk
        elif kind == "offer_banner":
            value["offer"] = self._offer(value["offer"])
        elif kind == "hero":
            picture = self.pictures.get(value["image"])
            value["image"] = picture.pk if picture else None
        return {"type": kind, "value": value, "id": str(uuid.uuid4())}

    def _offer(self, name):
        return ConditionalOffer.objects.get(name=name).pk


def _links(entries, pages):
    return [
        {"label": entry["label"], "link_page": pages.get(entry.get("page")), "link_url": entry.get("url", "")}
        for entry in entries
    ]


def _main_menu(entry, pages, tally):
    created = not MainMenu.objects.filter(name=entry["name"]).exists()
    if created:
        menu = MainMenu(name=entry["name"])
        menu.items = [MainMenuItem(**link) for link in _links(entry["items"], pages)]
        menu.save()
        menu.save_revision().publish()
    tally.count("menus", created)


def _footer(entry, pages, tally):
    created = not Footer.objects.filter(name=entry["name"]).exists()
    if created:
        footer = Footer(name=entry["name"], text=entry["text"])
        footer.links = [FooterLink(**link) for link in _links(entry["links"], pages)]
        footer.save()
        footer.save_revision().publish()
    tally.count("footers", created)


def _announcement(entry, tally):
    created = not AnnouncementBar.objects.filter(text=entry["text"]).exists()
    if created:
        bar = AnnouncementBar(text=entry["text"], link_url=entry["link_url"], starts_at=timezone.now())
        bar.save()
        bar.save_revision().publish()
    tally.count("announcements", created)
