"""Models of the basket app: Oscar's, with a basket whose lines come with what pricing them reads."""

from oscar.apps.basket.abstract_models import AbstractBasket


class Basket(AbstractBasket):
    def all_lines(self):
        """The basket's lines, loaded once with everything the strategy and offers read per line.

        Oscar loads each line's product and stock record, but pricing a line also reads the
        product's class (or its parent's) and its stock records: one query per line each, on the
        basket page and in the API alike.
        """
        if self.id is None or self._lines is not None:
            return super().all_lines()
        self._lines = (
            self.lines.select_related(
                "product__product_class",
                "product__parent__product_class",
                "stockrecord",
            )
            .prefetch_related("attributes", "product__images", "product__stockrecords")
            .order_by(self._meta.pk.name)
        )
        return self._lines

    @property
    def num_lines(self):
        # Oscar counts the lines in a query of its own, just before it loads them all to price
        # them (is_empty, before the offers are applied): counted from the loaded lines instead.
        return len(self.all_lines())


from oscar.apps.basket.models import *  # noqa: E402, F403
