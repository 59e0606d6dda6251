"""`make run`'s way: one uvicorn process serves the dashboard and the sockets over the in-memory
channel layer, and a status the shop manager sets in the dashboard reaches the shopper's socket."""

import json
import re

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from oscar.test.factories import UserFactory, create_order
from websockets.sync.client import connect

pytestmark = pytest.mark.postgres

PUSH_SECONDS = 1  # functional: "within a second"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def session_cookie_of(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_dashboard_status_change_reaches_the_socket_of_the_same_process(
    asgi_server_in_memory,  # noqa: F811  the fixture imported above
    transactional_db,
):
    server = asgi_server_in_memory
    manager = get_user_model().objects.create_superuser("manager", "manager@example.com", "pw")
    shopper = UserFactory()
    order = create_order(user=shopper, status="Pending")
    shopper_cookie = f"{settings.SESSION_COOKIE_NAME}={session_cookie_of(shopper)}"
    dashboard = requests.Session()
    dashboard.cookies.set(settings.SESSION_COOKIE_NAME, session_cookie_of(manager))
    order_page = f"{server.url}/dashboard/orders/{order.number}/"

    with connect(
        f"{server.ws_url}/ws/orders/{order.number}/",
        origin=server.url,
        additional_headers={"Cookie": shopper_cookie},
        open_timeout=10,
    ) as ws:
        assert json.loads(ws.recv(timeout=10))["order"]["status"] == "Pending"

        # the shop manager changes the status in the dashboard, served by the same process
        form = dashboard.get(order_page, timeout=30)
        token = CSRF_FIELD.search(form.text).group(1)
        answer = dashboard.post(
            order_page,
            {"csrfmiddlewaretoken": token, "order_action": "change_order_status", "new_status": "Paid"},
            allow_redirects=False,
            timeout=30,
        )
        assert answer.status_code == 302, answer.text[:500]

        message = json.loads(ws.recv(timeout=PUSH_SECONDS))

    assert message["order"]["status"] == "Paid"
