"""JWT endpoints: sign in for a token pair (merging the guest basket), refresh with rotation, sign out."""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from oscarapi.basket import operations
from rest_framework import serializers, status
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.response import Response
from rest_framework.settings import api_settings as drf_settings
from rest_framework_simplejwt import views as jwt_views
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.serializers import TokenRefreshSerializer
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken

from ptashka.api.throttling import Throttled


def merge_guest_basket(request, user):
    """Move the basket a guest filled before signing in into the user's own basket.

    The guest's basket is the one oscar-api keeps in the session (ApiBasketMiddleWare puts the
    storefront's basket cookie there too), exactly as oscar-api's session login merges it.
    """
    guest_basket = operations.get_anonymous_basket(request)
    if guest_basket is None:
        return None
    basket = operations.get_user_basket(user)
    basket.merge(guest_basket)
    operations.store_basket_in_session(basket, request.session)
    return basket


class ObtainTokenPairView(Throttled, jwt_views.TokenObtainPairView):
    """Sign in with `username` (or the email address) and `password`; answers an access and a refresh token.

    A basket filled as a guest in the same session (cookie) is merged into the user's basket.
    Send the access token as `Authorization: Bearer <access>`.
    """

    throttle_scope = "login"
    # Wrong credentials answer 401, though the view itself takes no authentication.
    error_statuses = (401,)

    def get_serializer_context(self):
        # simplejwt hands this request to authenticate(). django-axes flags a locked-out attempt on it,
        # and its middleware reads the flag from Django's request, not from DRF's wrapper.
        return {**super().get_serializer_context(), "request": self.request._request}

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except TokenError as error:
            raise InvalidToken(error.args[0]) from error
        except AuthenticationFailed as failed:
            # Answered, not raised: DRF rolls back the request's transaction for a raised error,
            # and with it axes' record of this failed attempt.
            return Response(
                {"detail": failed.detail},
                status=failed.status_code,
                headers={"WWW-Authenticate": self.get_authenticate_header(request)},
            )
        merge_guest_basket(request, serializer.user)
        return Response(serializer.validated_data, status=status.HTTP_200_OK)


class RotatingRefreshSerializer(TokenRefreshSerializer):
    """simplejwt's refresh, answering 401 instead of failing when the token's user was deleted."""

    def validate(self, attrs):
        try:
            return super().validate(attrs)
        except get_user_model().DoesNotExist as missing:
            raise InvalidToken(_("No active account found for the given token.")) from missing


class RefreshTokenView(Throttled, jwt_views.TokenRefreshView):
    """Trade a refresh token for a new access token and a new refresh token; the old one is blacklisted."""

    throttle_scope = "token"
    serializer_class = RotatingRefreshSerializer
    error_statuses = (401,)


class LogoutSerializer(serializers.Serializer):
    refresh = serializers.CharField(write_only=True)


class LogoutView(Throttled, jwt_views.TokenViewBase):
    """Sign out: blacklist the refresh token so it can no longer be refreshed.

    Access tokens already issued stay valid until they expire (`JWT_ACCESS_TOKEN_MINUTES`).
    A signed-in caller may only revoke their own tokens: someone else's answers 404.
    """

    throttle_scope = "token"
    serializer_class = LogoutSerializer
    # The refresh token is the proof; a session or access token, when sent, must be its owner's.
    authentication_classes = drf_settings.DEFAULT_AUTHENTICATION_CLASSES

    @extend_schema(responses={204: None})
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            refresh = RefreshToken(serializer.validated_data["refresh"])
        except TokenError as error:
            raise InvalidToken(error.args[0]) from error
        owner_id = refresh.payload.get(jwt_settings.USER_ID_CLAIM)
        if request.user.is_authenticated and str(owner_id) != str(request.user.pk):
            raise Http404
        refresh.blacklist()
        return Response(status=status.HTTP_204_NO_CONTENT)
