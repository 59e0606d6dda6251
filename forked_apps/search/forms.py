"""Search forms: Oscar's, and the sort choices of the database-backed catalogue browse views."""

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class BrowseSortForm(forms.Form):
    NEWEST = "newest"
    PRICE_HIGH_TO_LOW = "price-desc"
    PRICE_LOW_TO_HIGH = "price-asc"
    TITLE_A_TO_Z = "title-asc"
    TITLE_Z_TO_A = "title-desc"

    SORT_BY_CHOICES = [
        (NEWEST, _("Newest")),
        (PRICE_LOW_TO_HIGH, _("Price low to high")),
        (PRICE_HIGH_TO_LOW, _("Price high to low")),
        (TITLE_A_TO_Z, _("Title A to Z")),
        (TITLE_Z_TO_A, _("Title Z to A")),
    ]
    # "pk" last, so that pages never overlap when two products tie.
    ORDERINGS = {
        NEWEST: ["-date_created", "-pk"],
        PRICE_LOW_TO_HIGH: [F("browse_price").asc(nulls_last=True), "title", "pk"],
        PRICE_HIGH_TO_LOW: [F("browse_price").desc(nulls_last=True), "title", "pk"],
        TITLE_A_TO_Z: ["title", "pk"],
        TITLE_Z_TO_A: ["-title", "-pk"],
    }

    sort_by = forms.ChoiceField(label=_("Sort by"), choices=SORT_BY_CHOICES, required=False)

    def sorts_by_price(self):
        return self.ordering() in (
            self.ORDERINGS[self.PRICE_LOW_TO_HIGH],
            self.ORDERINGS[self.PRICE_HIGH_TO_LOW],
        )

    def ordering(self):
        choice = self.cleaned_data.get("sort_by") if self.is_valid() else None
        return self.ORDERINGS[choice or self.NEWEST]
