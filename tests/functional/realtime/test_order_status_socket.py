"""/ws/orders/<number>/: only the order's owner may watch, and every change reaches them."""

import logging
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from channels.db import database_sync_to_async
from django.db import transaction
from oscar.core.loading import get_class, get_model
from oscar.test.factories import ShippingEventTypeFactory, create_order
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from ptashka.realtime.access import JWT_SUBPROTOCOL
from ptashka.realtime.consumers import TOKEN_EXPIRED
from tests.functional.realtime.sockets import (
    WAIT_SECONDS,
    close_code_for,
    guest_session,
    next_message,
    open_socket,
    refusal_of,
    run,
    signed_in_session,
    status_link_session,
)

# The consumers read from their own threads: every test commits its data.
pytestmark = pytest.mark.django_db(transaction=True)

Order = get_model("order", "Order")
ShippingEvent = get_model("order", "ShippingEvent")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
EventHandler = get_class("order.processing", "EventHandler")


def move(order, status):
    """Change the status as the shop does it: through the order's EventHandler."""
    EventHandler().handle_order_status_change(order, status)


def path_of(order):
    return f"/ws/orders/{order.number}/"


def test_signed_in_owner_is_accepted_and_gets_the_order_snapshot(order, shopper):
    session = signed_in_session(shopper)

    async def scenario():
        socket, accepted, _ = await open_socket(path_of(order), session)
        message = await next_message(socket)
        await socket.disconnect()
        return accepted, message

    accepted, message = run(scenario)

    assert accepted
    assert message["type"] == "order.snapshot"
    assert message["order"]["number"] == str(order.number)
    assert message["order"]["status"] == "Pending"
    assert message["order"]["history"] == []
    assert message["order"]["tracking"] is None


def test_another_signed_in_shopper_is_refused(order, stranger, refused):
    session = signed_in_session(stranger)

    assert close_code_for(path_of(order), session) == refused


def test_anonymous_visitor_is_refused(order, refused):
    assert close_code_for(path_of(order)) == refused


def test_guest_in_the_browser_session_that_placed_the_order_is_accepted(guest_order):
    session = guest_session(guest_order)

    async def scenario():
        socket, accepted, _ = await open_socket(path_of(guest_order), session)
        message = await next_message(socket)
        await socket.disconnect()
        return accepted, message

    accepted, message = run(scenario)

    assert accepted
    assert message["order"]["number"] == str(guest_order.number)


def test_guest_session_of_one_order_cannot_watch_another(guest_order, order, refused):
    session = guest_session(guest_order)

    assert close_code_for(path_of(order), session) == refused


def test_guest_with_the_status_link_of_their_emails_is_accepted(guest_order):
    session = status_link_session("guest@example.com")
    path = f"{path_of(guest_order)}?{urlencode({'hash': guest_order.verification_hash()})}"

    async def scenario():
        socket, accepted, _ = await open_socket(path, session)
        message = await next_message(socket)
        await socket.disconnect()
        return accepted, message

    accepted, message = run(scenario)

    assert accepted
    assert message["order"]["number"] == str(guest_order.number)


@pytest.mark.parametrize(
    "email, right_hash",
    [("guest@example.com", False), ("someone@example.com", True), (None, True)],
    ids=["forged hash", "another email", "email never given"],
)
def test_status_link_needs_both_the_orders_hash_and_its_email(guest_order, refused, email, right_hash):
    session = status_link_session(email) if email else None
    verification_hash = guest_order.verification_hash() if right_hash else f"{guest_order.number}:forged"
    path = f"{path_of(guest_order)}?{urlencode({'hash': verification_hash})}"

    assert close_code_for(path, session) == refused


def test_the_hash_of_one_order_does_not_open_another(guest_order, refused):
    other = create_order(status="Pending", guest_email="guest@example.com")
    session = status_link_session("guest@example.com")
    path = f"{path_of(other)}?{urlencode({'hash': guest_order.verification_hash()})}"

    assert close_code_for(path, session) == refused


def test_owners_access_token_in_the_subprotocol_is_accepted(order, shopper):
    token = str(AccessToken.for_user(shopper))

    async def scenario():
        socket, accepted, subprotocol = await open_socket(
            path_of(order), subprotocols=[JWT_SUBPROTOCOL, token]
        )
        message = await next_message(socket)
        await socket.disconnect()
        return accepted, subprotocol, message

    accepted, subprotocol, message = run(scenario)

    assert accepted
    # The server names only the marker: the token is not echoed back.
    assert subprotocol == JWT_SUBPROTOCOL
    assert message["order"]["status"] == "Pending"


def forged(token):
    return token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")


def expired(user):
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=-timedelta(minutes=1))
    return str(token)


def test_a_socket_opened_with_a_token_is_closed_when_the_token_expires(order, shopper):
    token = AccessToken.for_user(shopper)
    token.set_exp(lifetime=timedelta(seconds=2))

    async def scenario():
        socket, accepted, _ = await open_socket(path_of(order), subprotocols=[JWT_SUBPROTOCOL, str(token)])
        snapshot = await next_message(socket)
        closing = await socket.receive_output(timeout=WAIT_SECONDS)
        await socket.disconnect(code=closing.get("code", 1000))
        return accepted, snapshot, closing

    accepted, snapshot, closing = run(scenario)

    assert accepted and snapshot["type"] == "order.snapshot"
    assert closing == {"type": "websocket.close", "code": TOKEN_EXPIRED}


def test_bad_tokens_are_refused(order, shopper, stranger, refused):
    # One committed shop for all of them: each transactional test costs a database flush.
    bad_tokens = {
        "forged": forged(str(AccessToken.for_user(shopper))),
        "expired": expired(shopper),
        "refresh-as-access": str(RefreshToken.for_user(shopper)),
        "someone else's": str(AccessToken.for_user(stranger)),
        "missing": None,
        "garbage": "not.a.jwt",
    }

    async def scenario(token):
        subprotocols = [JWT_SUBPROTOCOL] + ([token] if token else [])
        socket, _, subprotocol = await open_socket(path_of(order), subprotocols=subprotocols)
        return subprotocol, await refusal_of(socket)

    for kind, token in bad_tokens.items():
        # The marker comes back, so that a browser sees the code instead of a broken handshake.
        assert run(scenario, token) == (JWT_SUBPROTOCOL, refused), kind


def test_a_bad_token_is_refused_even_beside_the_owners_session(order, shopper, refused):
    session = signed_in_session(shopper)

    assert close_code_for(path_of(order), session, subprotocols=[JWT_SUBPROTOCOL, "not.a.jwt"]) == refused


def test_unknown_or_malformed_numbers_are_refused_like_someone_elses(shopper, refused):
    session = signed_in_session(shopper)

    async def scenario(number):
        socket, _, _ = await open_socket(f"/ws/orders/{number}/", session)
        return await refusal_of(socket)

    for number in ["999999", "..%2F..", "x" * 300, "%00", "1 OR 1=1"]:
        assert run(scenario, number) == refused, number


def test_a_page_of_another_site_cannot_open_the_socket(order, shopper):
    session = signed_in_session(shopper)

    async def scenario():
        socket, accepted, _ = await open_socket(path_of(order), session, origin="https://evil.example")
        return accepted

    assert run(scenario) is False


def test_status_change_is_pushed_with_its_history(order, shopper):
    session = signed_in_session(shopper)

    async def scenario():
        socket, _, _ = await open_socket(path_of(order), session)
        await next_message(socket)
        await database_sync_to_async(move)(order, "Paid")
        message = await next_message(socket)
        await socket.disconnect()
        return message

    message = run(scenario)

    assert message["type"] == "order.update"
    assert message["event"] == "status"
    assert message["order"]["status"] == "Paid"
    assert [(step["from"], step["to"]) for step in message["order"]["history"]] == [("Pending", "Paid")]


def dispatch_with_tracking(order, reference):
    """As a shop manager does it: a shipping event holding the tracking number, then the status."""
    with transaction.atomic():
        move(order, "Paid")
        move(order, "Being processed")
        EventHandler().handle_shipping_event(
            order, ShippingEventTypeFactory(name="Dispatched"), [], [], reference=reference
        )
        move(order, "Dispatched")


def test_dispatch_with_tracking_reaches_the_owner_after_the_commit(order, shopper):
    session = signed_in_session(shopper)

    async def scenario():
        socket, _, _ = await open_socket(path_of(order), session)
        await next_message(socket)
        await database_sync_to_async(dispatch_with_tracking)(order, "NP-20450012345678")
        # One message per change, each carrying the order as committed: all of them show the dispatch.
        messages = [await next_message(socket) for _ in range(4)]
        await socket.disconnect()
        return messages

    messages = run(scenario)

    assert [message["event"] for message in messages] == ["status", "status", "shipping", "status"]
    last = messages[-1]["order"]
    assert last["status"] == "Dispatched"
    assert last["tracking"]["reference"] == "NP-20450012345678"
    assert [step["to"] for step in last["history"]] == ["Paid", "Being processed", "Dispatched"]


def refund(order, amount):
    event_type, _ = PaymentEventType.objects.get_or_create(name="Refunded")
    EventHandler().handle_payment_event(order, event_type, amount, reference="re_1")


def test_partial_refund_is_pushed_without_a_status_change(order, shopper):
    session = signed_in_session(shopper)

    async def scenario():
        socket, _, _ = await open_socket(path_of(order), session)
        await next_message(socket)
        await database_sync_to_async(refund)(order, "2.50")
        message = await next_message(socket)
        await socket.disconnect()
        return message

    message = run(scenario)

    assert message["event"] == "refund"
    assert message["order"]["status"] == "Pending"
    assert message["order"]["refunds"][0]["amount"] == "2.50"


def change_then_roll_back(order):
    with pytest.raises(RuntimeError), transaction.atomic():
        move(order, "Paid")
        raise RuntimeError("the request failed after the status change")


def test_a_rolled_back_status_change_is_never_pushed(order, shopper):
    session = signed_in_session(shopper)

    async def scenario():
        socket, _, _ = await open_socket(path_of(order), session)
        await next_message(socket)
        await database_sync_to_async(change_then_roll_back)(order)
        nothing = await socket.receive_nothing(timeout=1)
        await socket.disconnect()
        return nothing

    assert run(scenario) is True
    assert Order.objects.get(pk=order.pk).status == "Pending"


def test_what_a_client_sends_is_ignored_and_changes_nothing(order, shopper):
    session = signed_in_session(shopper)

    async def scenario():
        socket, _, _ = await open_socket(path_of(order), session)
        await next_message(socket)
        await socket.send_to(text_data='{"status": "Complete"')
        await socket.send_to(text_data='{"type": "order.changed", "event": "status"}')
        nothing = await socket.receive_nothing(timeout=1)
        await socket.disconnect()
        return nothing

    assert run(scenario) is True  # still open, nothing answered
    assert Order.objects.get(pk=order.pk).status == "Pending"


def test_an_unreachable_channel_layer_never_stops_a_status_change_or_a_checkout(order, settings, caplog):
    # given a channel layer whose Redis is not there (nothing listens on port 1)
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
        }
    }
    caplog.set_level(logging.ERROR, logger="ptashka.realtime")

    # when the order moves on and a new order is placed
    move(order, "Paid")
    placed = create_order(status="Pending", guest_email="next@example.com")

    # then both happened, and the failures to publish were logged
    assert Order.objects.get(pk=order.pk).status == "Paid"
    assert Order.objects.filter(pk=placed.pk).exists()
    published = [record for record in caplog.records if record.name == "ptashka.realtime.publishing"]
    assert len(published) == 2
