"""/ws/dashboard/orders/: shop managers see every order as it is placed; nobody else may listen."""

from channels.db import database_sync_to_async
from django.contrib.auth.models import Group, Permission
from oscar.test.factories import UserFactory, create_order

from tests.functional.realtime.sockets import (
    close_code_for,
    next_message,
    open_socket,
    refusal_of,
    run,
    signed_in_session,
)

FEED = "/ws/dashboard/orders/"


def shop_manager(**fields):
    """Staff in a "Shop managers" group allowed to view orders, like the demo's."""
    manager = UserFactory(is_staff=True, **fields)
    group, _ = Group.objects.get_or_create(name="Shop managers")
    group.permissions.add(Permission.objects.get(content_type__app_label="order", codename="view_order"))
    manager.groups.add(group)
    return manager


def test_shop_manager_is_told_of_a_new_order_with_a_link_to_it(transactional_db):
    manager = shop_manager()

    session = signed_in_session(manager)

    async def scenario():
        socket, accepted, _ = await open_socket(FEED, session)
        order = await database_sync_to_async(create_order)(status="Pending", guest_email="guest@example.com")
        message = await next_message(socket)
        await socket.disconnect()
        return accepted, order, message

    accepted, order, message = run(scenario)

    assert accepted
    assert message["type"] == "order.placed"
    assert message["order"]["number"] == str(order.number)
    assert message["order"]["email"] == "guest@example.com"
    assert message["order"]["total"] == str(order.total_incl_tax)
    assert message["order"]["url"] == f"/dashboard/orders/{order.number}/"


def test_shopper_cannot_listen_to_the_new_orders_feed(transactional_db, refused):
    shopper = UserFactory(is_staff=False)

    session = signed_in_session(shopper)

    assert close_code_for(FEED, session) == refused


def test_anonymous_visitor_cannot_listen_to_the_new_orders_feed(transactional_db, refused):
    assert close_code_for(FEED) == refused


def test_deactivated_shop_manager_cannot_listen(transactional_db, refused):
    manager = shop_manager()
    session = signed_in_session(manager)
    manager.is_active = False
    manager.save()

    assert close_code_for(FEED, session) == refused


def test_staff_not_allowed_to_view_orders_cannot_listen(transactional_db, refused):
    merchandiser = UserFactory(is_staff=True)

    async def scenario(session):
        socket, _, _ = await open_socket(FEED, session)
        return await refusal_of(socket)

    assert run(scenario, signed_in_session(merchandiser)) == refused
