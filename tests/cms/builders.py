"""Builders for the content tests: StreamField data and published pages (the shop: tests/shop_fixtures.py)."""


def stream(*blocks):
    """StreamField raw data from (type, value) pairs."""
    return [{"type": kind, "value": value} for kind, value in blocks]


def carousel(products, title="Loved this season", **options):
    return (
        "product_collection",
        {
            "title": title,
            "source": options.pop("source", "hand_picked"),
            "products": [product.pk for product in products],
            "category": options.pop("category", None),
            "offer": options.pop("offer", None),
            "count": options.pop("count", 8),
            "layout": options.pop("layout", "carousel"),
            "see_all_label": options.pop("see_all_label", ""),
        },
    )


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
