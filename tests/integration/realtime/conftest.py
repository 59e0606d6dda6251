"""The end-to-end live-tracking tests run against a real uvicorn process (tests/asgi_server.py)."""

from tests.asgi_server import asgi_server  # noqa: F401
