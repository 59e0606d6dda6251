"""WebSocket routes of live order tracking (mounted by ptashka.routing)."""

from django.urls import re_path

from . import consumers

websocket_urlpatterns = [
    # Any number (even one with a slash) is routed, so a malformed one is refused like an unknown one.
    re_path(r"^ws/orders/(?P<number>.+)/$", consumers.OrderStatusConsumer.as_asgi()),
    re_path(r"^ws/dashboard/orders/$", consumers.NewOrdersConsumer.as_asgi()),
]
