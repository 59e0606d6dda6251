"""Who may watch an order live: its signed-in owner, its guest (placing session or status link), a JWT."""

from oscar.core.loading import get_model
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError

Order = get_model("order", "Order")

# API clients offer ["ptashka.jwt", "<access token>"] as WebSocket subprotocols: the token travels
# in the Sec-WebSocket-Protocol header, which servers and proxies do not log, never in the URL.
JWT_SUBPROTOCOL = "ptashka.jwt"
NUMBER_MAX_LENGTH = 128  # Order.number's max_length


def offered_token(subprotocols):
    """The access token offered beside ``ptashka.jwt``; "" when the marker came alone, None without it."""
    subprotocols = list(subprotocols or [])
    if JWT_SUBPROTOCOL not in subprotocols:
        return None
    others = [protocol for protocol in subprotocols if protocol != JWT_SUBPROTOCOL]
    return others[0] if others else ""


def user_from_token(raw_token):
    """The active user a valid, unexpired, unrevoked access token names; None for anything else."""
    if not raw_token:
        return None
    authentication = JWTAuthentication()
    try:
        return authentication.get_user(authentication.get_validated_token(raw_token.encode()))
    except (InvalidToken, TokenError, AuthenticationFailed):
        return None


def token_expires_at(raw_token):
    """When a valid access token expires (a Unix time); None for a token that is not valid."""
    try:
        return JWTAuthentication().get_validated_token(raw_token.encode())["exp"]
    except (InvalidToken, TokenError, KeyError):
        return None


def watchable_order_id(number, user=None, session=None, token=None, verification_hash=None):
    """The id of order ``number`` if this viewer owns it; None for someone else's and unknown ones alike.

    A token, when one is offered, decides alone: a bad token is refused even beside a good session.
    A guest may also watch from the status link of their emails (number + verification hash) once
    their session has given the order's email address, exactly as Oscar's status page requires.
    """
    if token is not None:
        user = user_from_token(token)
        session = None
    # PostgreSQL refuses NUL and control characters in a query: they cannot be in an order number.
    if not number or len(number) > NUMBER_MAX_LENGTH or not number.isprintable():
        return None
    found = Order.objects.filter(number=number).values_list("pk", "user_id", "guest_email").first()
    if found is None:
        return None
    order_id, owner_id, guest_email = found
    if user is not None and user.is_authenticated and owner_id == user.pk:
        return order_id
    # Oscar keeps the order just placed in the session for the thank-you page; guests track it there.
    if session is not None and session.get("checkout_order_id") == order_id:
        return order_id
    if (
        verification_hash
        and owner_id is None
        and session is not None
        and guest_email
        and session.get("anon_order_email") == guest_email
        and Order(number=number).check_verification_hash(verification_hash)
    ):
        return order_id
    return None


def may_watch_new_orders(user):
    """Who may see every order as it is placed: active users allowed to view orders (Shop managers).

    Being staff is not enough: partner users (partner.dashboard_access) see only their own partner's
    orders in the dashboard, and merchandisers none, so neither holds order.view_order.
    """
    return user is not None and user.is_active and user.has_perm("order.view_order")
