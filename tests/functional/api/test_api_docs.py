"""/api/schema/ and the Swagger UI at /api/docs/, whose files the shop serves itself (no CDN)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_schema_endpoint_serves_the_contract_as_json(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    assert "/api/auth/token/" in response.json()["paths"]


def test_docs_page_loads_swagger_ui_from_our_own_static_files(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+swagger-ui[^"]+)"', page)
    assert assets, page
    assert all(asset.startswith("/static/") for asset in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
