"""How the OpenAPI schema describes the API: which paths, unique operation ids, oscar-api field types."""

import re

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, build_basic_type
from drf_spectacular.types import OpenApiTypes

PATH_PARAMETER = re.compile(r"{(\w+)}")
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# DRF answers most refusals with {"detail": "..."}; oscar-api's own refusals (400, 401, 406) are
# the serializer's field errors, {"reason": ...}, a list, or a bare string.
ERROR_COMPONENTS = {
    "Error": {
        "type": "object",
        "description": "Why the request was refused.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "ValidationError": {
        "description": "What is wrong with the request: field errors by field name (an object), a list, "
        "or a message.",
        "anyOf": [
            {"type": "object", "additionalProperties": True},
            {"type": "array", "items": {}},
            {"type": "string"},
        ],
    },
}
ERROR_DESCRIPTIONS = {
    400: ("ValidationError", "The request is invalid; nothing was changed."),
    401: ("ValidationError", "Not signed in, or the credentials or token are invalid."),
    403: ("Error", "Signed in, but not allowed to do this."),
    404: ("Error", "No such object, or not the caller's."),
    405: ("Error", "Not allowed in this state (see the operation's description)."),
    406: ("ValidationError", "oscar-api refused the change (e.g. the product cannot be bought)."),
    409: ("Error", "Other objects still depend on this one."),
    429: ("Error", "Too many attempts; retry after the Retry-After header's seconds."),
}


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

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status in sorted(self.error_statuses()):
            if str(status) in responses:
                continue
            component_name, description = ERROR_DESCRIPTIONS[status]
            responses[str(status)] = {
                "description": description,
                "content": {"application/json": {"schema": self.error_component(component_name).ref}},
            }
        return responses

    def error_statuses(self):
        """The refusals this operation can answer, read off how the view is built."""
        view = self.view
        statuses = set(getattr(view, "error_statuses", ()))
        if self.method in ("POST", "PUT", "PATCH") or self._get_parameters():
            statuses.add(400)
        if view.get_authenticators():
            statuses.update({401, 403})
        if PATH_PARAMETER.search(self.path):
            statuses.add(404)
        if self.method == "DELETE":
            statuses.add(409)
        if self.method in WRITE_METHODS and view.get_throttles():
            statuses.add(429)
        return statuses

    def error_component(self, name):
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, object=name)
        component.schema = ERROR_COMPONENTS[name]
        self.registry.register_on_missing(component)
        return component


class CategoryFieldExtension(OpenApiSerializerFieldExtension):
    """oscar-api's category field: a category's full name, "Parent > Child", both ways."""

    target_class = "oscarapi.serializers.fields.CategoryField"
    match_subclasses = True  # and ptashka.api.serializers.fields' stricter one

    def map_serializer_field(self, auto_schema, direction):
        return {**build_basic_type(OpenApiTypes.STR), "example": "Homeware > Ceramics"}


class AttributeValueFieldExtension(OpenApiSerializerFieldExtension):
    """oscar-api's attribute value: its JSON type follows the attribute's type."""

    target_class = "oscarapi.serializers.fields.AttributeValueField"
    match_subclasses = True  # and ptashka.api.serializers.fields' stricter one

    def map_serializer_field(self, auto_schema, direction):
        return {
            "description": "a string, number, boolean, date, list or object, as the attribute's type says"
        }
