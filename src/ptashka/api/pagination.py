"""How the API's lists are paged: ?page=N, and ?page_size=M up to a maximum."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class ShopPagination(PageNumberPagination):
    """DRF's page-number pagination; the page size comes from REST_FRAMEWORK["PAGE_SIZE"].

    Without it a list endpoint returned every row: the whole catalogue, every order, in one answer.
    """

    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        # A list without an order (several of oscar-api's admin lists) could show a row on two
        # pages, or on none, as the database pleases: page it in id order instead.
        if getattr(queryset, "ordered", True) is False:
            queryset = queryset.order_by("pk")
        # DRF answers a page number that is not a number, or past the last page, with a 404; the
        # list itself exists, so it is the request that is wrong: a 400 naming the parameter.
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise ValidationError(
                {self.page_query_param: [_("There is no such page of this list.")]}
            ) from None
