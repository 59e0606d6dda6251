"""Every category's URL, ancestors and menu entries from one query per request.

Oscar's ``Category.get_absolute_url`` caches each category's slug path under its own cache key, so
a page with a category menu made one cache round trip per link (and, on a miss, a query per
ancestor), and each ``category_tree`` tag ran two queries of its own. The whole tree is small —
tens to a few hundred rows — so one query loads it, and URLs, ancestors and menus are computed
from the rows in memory. Each worker process keeps the tree until the content generation changes
(any category save bumps it: ptashka.page_cache.shared_content); a request keeps the one it read.
"""

from django.urls import reverse
from django.utils.functional import cached_property
from oscar.core.loading import get_model

from ptashka.page_cache import shared_content

Category = get_model("catalogue", "Category")

_REQUEST_ATTRIBUTE = "_ptashka_category_tree"


class CategoryTree:
    """All categories, in tree (path) order."""

    def __init__(self, categories):
        self.categories = list(categories)
        self.by_pk = {category.pk: category for category in self.categories}
        self._by_path = {category.path: category for category in self.categories}
        self._full_slugs = {}
        for category in self.categories:  # parents come before their children in path order
            parent = self.parent_of(category)
            self._full_slugs[category.pk] = (
                category.slug
                if parent is None
                else f"{self._full_slugs[parent.pk]}{Category._slug_separator}{category.slug}"
            )

    @classmethod
    def load(cls):
        return cls(Category.objects.order_by("path"))

    @classmethod
    def for_request(cls, request):
        """The request's tree, loaded on first use; a fresh one when there is no request."""
        if request is None:
            return cls.load()
        tree = getattr(request, _REQUEST_ATTRIBUTE, None)
        if tree is None:
            tree = shared_content.kept("category_tree", cls.load, request)
            setattr(request, _REQUEST_ATTRIBUTE, tree)
        return tree

    def parent_of(self, category):
        if category.depth <= 1:
            return None
        return self._by_path.get(category.path[: (category.depth - 1) * Category.steplen])

    def url(self, category):
        return reverse(
            "catalogue:category",
            kwargs={"category_slug": self._full_slugs[category.pk], "pk": category.pk},
        )

    def ancestors(self, category):
        """The category's ancestors, root first."""
        chain = []
        parent = self.parent_of(category)
        while parent is not None:
            chain.append(parent)
            parent = self.parent_of(parent)
        return chain[::-1]

    def descendants_and_self(self, category):
        return [
            other
            for other in self.categories
            if other.path.startswith(category.path) and other.depth >= category.depth
        ]

    @cached_property
    def _in_menu(self):
        # Oscar's CategoryQuerySet.for_menu: browsable, and neither excluded from the menu nor
        # under a browsable category that is.
        excluded_paths = [
            category.path
            for category in self.categories
            if category.is_public and category.ancestors_are_public and category.exclude_from_menu
        ]
        return [
            category
            for category in self.categories
            if category.is_public
            and category.ancestors_are_public
            and not any(category.path.startswith(path) for path in excluded_paths)
        ]

    def menu(self, depth=None, parent=None):
        """What Oscar's ``category_tree`` tag lists: entries with url, level, has_children, num_to_close."""
        nodes = self._in_menu
        if parent is not None:
            nodes = [n for n in nodes if n.path.startswith(parent.path) and n.depth > parent.depth]
        if depth is not None:
            max_depth = depth + (parent.depth if parent is not None else 0)
            nodes = [n for n in nodes if n.depth <= max_depth]
        if not nodes:
            return []
        # Oscar's entry class reads Category's fields when it is defined: import it once models are loaded.
        from oscar.templatetags.category_tags import CheapCategoryInfo

        start_depth = nodes[0].depth
        entries = []
        for index, node in enumerate(nodes):
            next_depth = nodes[index + 1].depth if index + 1 < len(nodes) else start_depth
            entries.append(
                CheapCategoryInfo(
                    node,
                    url=self.url(node),
                    has_children=next_depth > node.depth,
                    num_to_close=list(range(max(node.depth - next_depth, 0))),
                    level=node.depth - start_depth,
                )
            )
        return entries
