"""WebSocket routes served by Channels: live order tracking."""

from ptashka.realtime.routing import websocket_urlpatterns as realtime_urlpatterns

websocket_urlpatterns: list = [*realtime_urlpatterns]
