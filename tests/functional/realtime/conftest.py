"""Channels' WebsocketCommunicator against the project's real ASGI application, with committed orders.

The consumers read the database from worker threads, so these tests commit their data
(transactional_db) instead of hiding it in a test transaction the consumers cannot see.
The socket steps these tests take are in tests/functional/realtime/sockets.py.
"""

import pytest
from oscar.test.factories import UserFactory, create_order

from ptashka.realtime.consumers import REFUSED


@pytest.fixture(autouse=True)
def in_memory_channel_layer(settings):
    """Channels' in-memory layer: channels-redis lets a closed consumer go only after its 5 s poll.

    The real Redis layer is what tests/integration/realtime runs against, between two processes.
    """
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


@pytest.fixture
def stranger(transactional_db):
    return UserFactory(email="stranger@example.com")


@pytest.fixture
def order(transactional_db, shopper):
    return create_order(user=shopper, status="Pending")


@pytest.fixture
def guest_order(transactional_db):
    return create_order(status="Pending", guest_email="guest@example.com")


@pytest.fixture
def refused():
    return REFUSED
