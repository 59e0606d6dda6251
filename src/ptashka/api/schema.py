"""How the OpenAPI schema describes the API: which paths, unique operation ids, oscar-api field types."""

import re

from drf_spectacular.extensions import OpenApiSerializerFieldExtension, OpenApiViewExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema

PATH_PARAMETER = re.compile(r"{(\w+)}")


def only_the_shop_api(endpoints, **kwargs):
    """Preprocessing hook: document /api/ only (Wagtail's admin API under /cms/ is not ours to publish).

    oscar-api's root view is a map of links, not an operation; the content API (/api/cms/) is
    Wagtail's, whose views do not describe their responses to schema generators.
    """
    return [
        (path, path_regex, method, view)
        for path, path_regex, method, view in endpoints
        if path.startswith("/api/") and path != "/api/" and not path.startswith("/api/cms/")
    ]


class ShopAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, with operation ids that stay unique for oscar-api's routes.

    oscar-api lists categories at /categories/ and /categories/{breadcrumbs}/, and accepts PUT
    on the admin product list as well as on a product: the default ids would collide.
    """

    def get_operation_id(self):
        operation_id = super().get_operation_id()
        parameters = PATH_PARAMETER.findall(self.path)
        ends_in_parameter = self.path.rstrip("/").endswith("}")
        if ends_in_parameter and (self._is_list_view() or self.method == "POST"):
            return f"{operation_id}_by_{parameters[-1]}"
        if not parameters and self.method in ("PUT", "PATCH"):
            return f"{operation_id}_many"
        return operation_id


class CategoryFieldExtension(OpenApiSerializerFieldExtension):
    """oscar-api's category field: a category's full name, "Parent > Child", both ways."""

    target_class = "oscarapi.serializers.fields.CategoryField"

    def map_serializer_field(self, auto_schema, direction):
        return {**build_basic_type(OpenApiTypes.STR), "example": "Homeware > Ceramics"}


class AttributeValueFieldExtension(OpenApiSerializerFieldExtension):
    """oscar-api's attribute value: its JSON type follows the attribute's type."""

    target_class = "oscarapi.serializers.fields.AttributeValueField"

    def map_serializer_field(self, auto_schema, direction):
        return {
            "description": "a string, number, boolean, date, list or object, as the attribute's type says"
        }


class CategoryBulkAdminApiExtension(OpenApiViewExtension):
    """oscar-api's bulk category tree (treebeard's dump_bulk format), which names no serializer."""

    target_class = "oscarapi.views.admin.product.CategoryBulkAdminApi"

    def view_replacement(self):
        tree = {"type": "array", "items": {"type": "object", "additionalProperties": True}}

        @extend_schema(request={"application/json": tree}, responses={200: tree})
        class Fixed(self.target_class):
            pass

        return Fixed
