"""The API's JSON parser: DRF's, refusing with a 400 bodies nested deeper than any API body needs."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# The deepest body the API takes (a product with attributes and options) is about five levels;
# past this, code that walks the body recursively (ours, DRF's, oscar-api's) would run out of stack.
MAX_JSON_DEPTH = 32


class DepthLimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            # Python's json module gives up around a thousand levels with a RecursionError, not a
            # ValueError, so DRF let it through as a 500.
            raise ParseError(self.too_deep()) from None
        if nesting_depth(data) > MAX_JSON_DEPTH:
            raise ParseError(self.too_deep())
        return data

    def too_deep(self):
        return _("JSON parse error - the body is nested more than %(depth)d levels deep.") % {
            "depth": MAX_JSON_DEPTH
        }


def nesting_depth(data):
    """How many arrays and objects deep the parsed body goes, counted without recursion."""
    deepest = 0
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        if depth > MAX_JSON_DEPTH:
            break
        pending.extend((child, depth + 1) for child in children)
    return deepest
