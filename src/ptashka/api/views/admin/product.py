"""Oscar-api's admin catalogue views: malformed bodies get a 400, and nothing is half-saved."""

from collections.abc import Mapping
from contextlib import contextmanager

from django.db import DataError, IntegrityError, transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from oscar.core.loading import get_model
from oscarapi.permissions import APIAdminPermission
from oscarapi.utils.categories import upsert_categories
from oscarapi.views.admin import product
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from treebeard.exceptions import InvalidMoveToDescendant, PathOverflow

from ptashka.api.errors import refuse_nul_characters, require_object

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

WRITES = ("POST", "PUT", "PATCH")


class ValidatedAdminWrites:
    """A write's body is a JSON object of text PostgreSQL can store, and it is saved whole or not at all."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # signed in, and allowed, before the body is read
        if request.method in WRITES:
            require_object(request.data)
            refuse_nul_characters(request.data)

    def perform_create(self, serializer):
        with stored_or_refused():
            super().perform_create(serializer)

    def perform_update(self, serializer):
        with stored_or_refused():
            super().perform_update(serializer)


@contextmanager
def stored_or_refused():
    """Values the database refuses (a number out of its range, a duplicate) are a 400, and undone."""
    try:
        with transaction.atomic():
            yield
    except (DataError, IntegrityError, OverflowError) as error:  # OverflowError: SQLite's DataError
        raise ValidationError(
            _("The database refused these values (out of range, or taken); nothing was saved.")
        ) from error


class ProductAdminList(ValidatedAdminWrites, product.ProductAdminList):
    # PUT and PATCH here update the product the body's id or upc names.
    error_statuses = (404,)

    def get_object(self):
        try:
            return super().get_object()
        except (TypeError, ValueError) as error:
            raise ValidationError({"id": [_("A product id is a whole number.")]}) from error
        except Product.MultipleObjectsReturned as error:
            raise ValidationError(_("The id and the upc name different products.")) from error


class ProductAdminDetail(ValidatedAdminWrites, product.ProductAdminDetail):
    pass


class CategoryAdminList(ValidatedAdminWrites, product.CategoryAdminList):
    @property
    def error_statuses(self):
        # oscar-api's URLs overlap: a parent path of digits only is a category's own URL
        # (/api/admin/categories/{id}/), which takes no POST.
        return (405,) if self.request.method == "POST" else ()


class CategoryAdminDetail(ValidatedAdminWrites, product.CategoryAdminDetail):
    @property
    def error_statuses(self):
        # An id that is not a number makes the URL oscar-api's category list, which takes no update.
        return (405,) if self.request.method in ("PUT", "PATCH") else ()


class AttributeOptionGroupAdminList(ValidatedAdminWrites, product.AttributeOptionGroupAdminList):
    pass


class AttributeOptionGroupAdminDetail(ValidatedAdminWrites, product.AttributeOptionGroupAdminDetail):
    # A full update deletes the options it leaves out; one a product still uses is kept (409).
    error_statuses = (409,)


class BulkCategoryDataSerializer(serializers.Serializer):
    """The fields of a category the bulk tree may set; oscar-api set any attribute it was sent."""

    code = serializers.CharField(max_length=255)
    name = serializers.CharField(max_length=255)
    slug = serializers.SlugField(max_length=255, required=False, allow_unicode=True)
    description = serializers.CharField(required=False, allow_blank=True)
    meta_title = serializers.CharField(max_length=255, required=False, allow_blank=True, allow_null=True)
    meta_description = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    is_public = serializers.BooleanField(required=False)
    exclude_from_menu = serializers.BooleanField(required=False)

    def to_internal_value(self, data):
        if isinstance(data, Mapping) and (unknown := sorted(set(data) - set(self.fields))):
            raise ValidationError({name: [_("Not a field the category tree sets.")] for name in unknown})
        return super().to_internal_value(data)


class BulkCategorySerializer(serializers.Serializer):
    data = BulkCategoryDataSerializer()

    def get_fields(self):
        fields = super().get_fields()
        # A tree: each category's children are categories like it.
        fields["children"] = BulkCategorySerializer(many=True, required=False)
        return fields


# treebeard's dump_bulk format: [{"data": {"code": ..., "name": ...}, "children": [...]}, ...]
CATEGORY_TREE = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "data": {"type": "object", "additionalProperties": True},
            "children": {"type": "array", "items": {"type": "object", "additionalProperties": True}},
        },
        "required": ["data"],
    },
}


class CategoryBulkAdminApi(product.CategoryBulkAdminApi):
    """The whole category tree, read and upserted (by `code`) in one request; staff only.

    oscar-api's view took anyone's tree (no permission), and set whatever fields it was sent.
    """

    permission_classes = (APIAdminPermission,)
    queryset = Category.objects.all()  # for APIAdminPermission's model permissions

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method == "POST":
            refuse_nul_characters(request.data)

    @extend_schema(responses={200: CATEGORY_TREE})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={"application/json": CATEGORY_TREE},
        responses={200: CATEGORY_TREE},
        description="Creates or updates (matched by `code`) and arranges the categories of the tree sent; "
        "each category's `data` may set code, name, slug, description, meta_title, meta_description, "
        "is_public and exclude_from_menu. Answers the whole tree.",
    )
    def post(self, request, *args, **kwargs):
        tree = BulkCategorySerializer(data=request.data, many=True)
        tree.is_valid(raise_exception=True)
        sent = list(categories_in(tree.validated_data))
        if len({data["code"] for data in sent}) != len(sent):
            raise ValidationError(_("Each category's code appears once in the tree."))
        try:
            with stored_or_refused():
                upsert_categories(tree.validated_data)
                # oscar-api arranges the tree, but loses the new fields of a category that was the
                # last root already (treebeard reloads it while moving its sibling): set them again.
                for data in sent:
                    Category.objects.filter(code=data["code"]).update(**data)
                Category.fix_tree()
        except (InvalidMoveToDescendant, PathOverflow) as error:
            raise ValidationError(_("The categories cannot be arranged in this tree.")) from error
        return self.get(request)


def categories_in(tree):
    """The data of every category in the tree, parents first."""
    for category in tree:
        yield dict(category["data"])
        yield from categories_in(category.get("children", []))
