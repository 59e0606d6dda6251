"""Opening the shop's websockets as a browser would: sessions, tokens, and what the server answers."""

import json
from importlib import import_module

from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

ORIGIN = "http://testserver"
# Functional timeouts: how long a test waits for a message before it counts as not sent.
WAIT_SECONDS = 5


def run(scenario, *args):
    """Run an async scenario from a sync test; the consumers' database calls come back to this thread."""
    return async_to_sync(scenario)(*args)


def signed_in_session(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def guest_session(order):
    """The session of the browser that placed ``order`` as a guest (as Oscar's checkout leaves it)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["checkout_order_id"] = order.pk
    store.save()
    return store.session_key


async def open_socket(path, session_key=None, subprotocols=None, origin=ORIGIN):
    """Connect like a browser on the shop's own pages; answers (communicator, accepted, subprotocol)."""
    from ptashka.asgi import application

    headers = [(b"origin", origin.encode())] if origin else []
    if session_key:
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_key}".encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers, subprotocols=subprotocols)
    accepted, subprotocol = await communicator.connect(timeout=WAIT_SECONDS)
    return communicator, accepted, subprotocol


async def refusal_of(communicator):
    """The close code the server sent right after the handshake (None if it sent something else)."""
    message = await communicator.receive_output(timeout=WAIT_SECONDS)
    # The browser's side of the closing handshake, so the consumer finishes.
    await communicator.disconnect(code=message.get("code", 1000), timeout=WAIT_SECONDS)
    return message.get("code") if message["type"] == "websocket.close" else None


def close_code_for(path, session_key=None, subprotocols=None):
    """Connect and report the close code the server answered with (None if it sent something else)."""

    async def scenario():
        socket, _, _ = await open_socket(path, session_key, subprotocols=subprotocols)
        return await refusal_of(socket)

    return run(scenario)


async def next_message(communicator):
    return json.loads(await communicator.receive_from(timeout=WAIT_SECONDS))


def status_link_session(email):
    """The session of a guest who opened their order's status link and gave the order's email."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["anon_order_email"] = email
    store.save()
    return store.session_key
