"""Page, snippet and settings models of the storefront's content; each area lives in its own module."""

from cms.category_landing import CategoryLandingPage  # noqa: F401
from cms.home import HomePage  # noqa: F401
from cms.journal import ArticleIndexPage, ArticlePage, ArticlePageTag  # noqa: F401
from cms.landing import LandingPage  # noqa: F401
from cms.navigation import AnnouncementBar, Footer, FooterLink, MainMenu, MainMenuItem  # noqa: F401
from cms.search_index import SearchableProduct  # noqa: F401
from cms.standard import StandardPage  # noqa: F401
