"""Oscar's recently viewed products, fetched with what their cards read: a fixed few queries for the list."""

from oscar.apps.customer import history

from ptashka.product_listing import browsable_products


class CustomerHistoryManager(history.CustomerHistoryManager):
    @classmethod
    def get(cls, request):
        """The shopper's recently viewed products, newest first.

        Oscar fetches the bare products, and each card then loads its stock, images and options:
        five queries per product on every product page.
        """
        ids = cls.extract(request)
        by_id = browsable_products().in_bulk(ids)
        return [by_id[pk] for pk in reversed(ids) if pk in by_id]
