"""WebSocket routes served by Channels (live order tracking lands here)."""

websocket_urlpatterns: list = []
