"""The OpenAPI contract: generated without warnings, valid OpenAPI 3, covering oscar-api and our endpoints."""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command


@pytest.fixture(scope="module")
def schema():
    out = StringIO()
    # --validate checks the document against the OpenAPI 3 specification; --fail-on-warn turns
    # every type the generator had to guess into a failure.
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out, stderr=StringIO())
    return yaml.safe_load(out.getvalue())


def test_schema_is_valid_openapi_3_generated_without_warnings(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Ptashka API"


@pytest.mark.parametrize(
    "path",
    [
        "/api/auth/token/",
        "/api/auth/token/refresh/",
        "/api/auth/logout/",
        "/api/auth/password-reset/",
        "/api/products/",
        "/api/products/{id}/",
        "/api/categories/",
        "/api/basket/",
        "/api/basket/add-product/",
        "/api/basket/add-voucher/",
        "/api/basket/shipping-methods/",
        "/api/checkout/",
        "/api/orders/",
        "/api/useraddresses/",
        "/api/login/",
    ],
)
def test_schema_covers_the_shopper_flow_and_sign_in(schema, path):
    assert path in schema["paths"]


def test_schema_documents_only_the_shop_api(schema):
    assert all(path.startswith("/api/") for path in schema["paths"])
    assert not any("{format}" in path for path in schema["paths"])


def test_schema_offers_bearer_and_session_authentication(schema):
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}.items() <= schemes["jwtAuth"].items()
    assert schemes["cookieAuth"]["in"] == "cookie"


def test_operation_ids_are_unique(schema):
    ids = [
        operation["operationId"]
        for item in schema["paths"].values()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    ]
    assert len(ids) == len(set(ids))
