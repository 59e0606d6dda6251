"""End to end: a real uvicorn process, the Redis channel layer, and a WebSocket client as the shopper.

The status changes in this test process (through the dashboard's own view); the only way the news
can reach the server's socket is the Redis channel layer, as between gunicorn and uvicorn in
production.
"""

import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from oscar.test.factories import UserFactory, create_order
from rest_framework_simplejwt.tokens import AccessToken
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from ptashka.realtime.access import JWT_SUBPROTOCOL

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

# A functional limit ("arrives within a second", as the shop promises), not a performance measure.
PUSH_SECONDS = 1
OPEN_SECONDS = 10


def open_socket(server, path, **kwargs):
    return connect(f"{server.ws_url}{path}", origin=server.url, open_timeout=OPEN_SECONDS, **kwargs)


def receive(socket, seconds):
    return json.loads(socket.recv(timeout=seconds))


@pytest.fixture
def manager_client(transactional_db):
    manager = get_user_model().objects.create_superuser("manager", "manager@example.com", "pw")
    client = Client()
    client.force_login(manager)
    return client


def test_status_changed_in_the_dashboard_reaches_the_owners_socket_within_a_second(
    asgi_server, manager_client
):
    # given the shopper's app watching their order, signed in with its access token
    shopper = UserFactory(email="oksana@example.com")
    order = create_order(user=shopper, status="Pending")
    token = str(AccessToken.for_user(shopper))
    with open_socket(
        asgi_server, f"/ws/orders/{order.number}/", subprotocols=[JWT_SUBPROTOCOL, token]
    ) as socket:
        assert socket.subprotocol == JWT_SUBPROTOCOL
        assert receive(socket, OPEN_SECONDS)["order"]["status"] == "Pending"

        # when a shop manager marks it paid in the dashboard
        answer = manager_client.post(
            f"/dashboard/orders/{order.number}/",
            {"order_action": "change_order_status", "new_status": "Paid"},
        )
        assert answer.status_code == 302

        # then the new status arrives within a second
        message = receive(socket, PUSH_SECONDS)

    assert message["type"] == "order.update"
    assert message["order"]["status"] == "Paid"
    assert [step["to"] for step in message["order"]["history"]] == ["Paid"]


def test_a_new_order_reaches_the_dashboard_feed_within_a_second(asgi_server, manager_client):
    cookie = f"{settings.SESSION_COOKIE_NAME}={manager_client.cookies[settings.SESSION_COOKIE_NAME].value}"
    with open_socket(asgi_server, "/ws/dashboard/orders/", additional_headers={"Cookie": cookie}) as socket:
        order = create_order(status="Pending", guest_email="guest@example.com")

        message = receive(socket, PUSH_SECONDS)

    assert message["type"] == "order.placed"
    assert message["order"]["number"] == str(order.number)


def test_someone_elses_order_is_refused_by_the_real_server(asgi_server, transactional_db):
    order = create_order(user=UserFactory(), status="Pending")
    stranger_token = str(AccessToken.for_user(UserFactory()))

    with open_socket(
        asgi_server, f"/ws/orders/{order.number}/", subprotocols=[JWT_SUBPROTOCOL, stranger_token]
    ) as socket:
        with pytest.raises(ConnectionClosed) as closed:
            socket.recv(timeout=OPEN_SECONDS)

    assert closed.value.rcvd.code == 4403
