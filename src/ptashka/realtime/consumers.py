"""WebSocket consumers: an order's live status for its owner, and the shop managers' new-orders feed."""

import asyncio
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .access import (
    JWT_SUBPROTOCOL,
    may_watch_new_orders,
    offered_token,
    token_expires_at,
    watchable_order_id,
)
from .groups import NEW_ORDERS_GROUP, order_group
from .snapshots import order_snapshot

# Everyone who may not watch is told the same, after the handshake: a browser cannot read an HTTP
# refusal, but it can read this code and stop reconnecting. Unknown orders look like other people's.
REFUSED = 4403
# The access token a socket was opened with has expired: reconnect with a fresh one.
TOKEN_EXPIRED = 4401


class ServerPushConsumer(AsyncJsonWebsocketConsumer):
    """A socket that only the server talks on; whatever a client sends is ignored and changes nothing."""

    group = None

    async def refuse(self, subprotocol=None):
        await self.accept(subprotocol)
        await self.close(code=REFUSED)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        return None

    async def disconnect(self, code):
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)


class OrderStatusConsumer(ServerPushConsumer):
    """/ws/orders/<number>/: a snapshot on connect, then the order again after every change."""

    async def connect(self):
        number = self.scope["url_route"]["kwargs"]["number"]
        token = offered_token(self.scope.get("subprotocols"))
        # A client that offered the JWT subprotocol must get it back, or its browser drops the socket.
        subprotocol = JWT_SUBPROTOCOL if token is not None else None
        # The status link's verification hash, as on the guest's order-status page it was opened from.
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        verification_hash = (query.get("hash") or [None])[0]
        find = database_sync_to_async(self.find_watchable_order)
        self.order_id = await find(number, token, verification_hash)
        if self.order_id is None:
            await self.refuse(subprotocol)
            return
        # Joined before the snapshot is read, so a change committed in between is still pushed.
        self.group = order_group(number)
        await self.channel_layer.group_add(self.group, self.channel_name)
        snapshot = await database_sync_to_async(order_snapshot)(self.order_id)
        await self.accept(subprotocol)
        await self.send_json({"type": "order.snapshot", "order": snapshot})
        if token:
            self.close_when_token_expires(token)

    def close_when_token_expires(self, token):
        """A socket opened with an access token lasts no longer than the token: the client reconnects
        with a fresh one, so a revoked user's socket does not outlive their last token."""
        expires_at = token_expires_at(token)
        if expires_at is None:
            return
        delay = max(0.0, expires_at - time.time())
        loop = asyncio.get_running_loop()
        self.expiry = loop.call_later(delay, lambda: loop.create_task(self.close(code=TOKEN_EXPIRED)))

    async def disconnect(self, code):
        expiry = getattr(self, "expiry", None)
        if expiry is not None:
            expiry.cancel()
        await super().disconnect(code)

    def find_watchable_order(self, number, token, verification_hash):
        return watchable_order_id(
            number,
            user=self.scope.get("user"),
            session=self.scope.get("session"),
            token=token,
            verification_hash=verification_hash,
        )

    async def order_changed(self, message):
        snapshot = await database_sync_to_async(order_snapshot)(self.order_id)
        await self.send_json({"type": "order.update", "event": message["event"], "order": snapshot})


class NewOrdersConsumer(ServerPushConsumer):
    """/ws/dashboard/orders/: every order placed in the shop, as it is placed, for staff."""

    async def connect(self):
        if not await database_sync_to_async(may_watch_new_orders)(self.scope.get("user")):
            await self.refuse()
            return
        self.group = NEW_ORDERS_GROUP
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def order_placed(self, message):
        await self.send_json({"type": "order.placed", "order": message["order"]})
