"""Password reset over the API: the shop emails the same reset link as the storefront's form."""

from drf_spectacular.utils import extend_schema
from oscar.core.loading import get_class
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ptashka.api.throttling import Throttled

PasswordResetForm = get_class("customer.forms", "PasswordResetForm")


class PasswordResetSerializer(serializers.Serializer):
    email = serializers.EmailField()


class PasswordResetView(Throttled, APIView):
    """Email a password-reset link to the account with this address, if there is one.

    The answer is 202 either way, so the endpoint does not reveal who has an account.
    """

    throttle_scope = "password_reset"
    authentication_classes = ()
    permission_classes = ()
    serializer_class = PasswordResetSerializer

    @extend_schema(request=PasswordResetSerializer, responses={202: None})
    def post(self, request, *args, **kwargs):
        serializer = self.serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        form = PasswordResetForm(data=serializer.validated_data)
        if form.is_valid():
            form.save(request=request._request)
        return Response(status=status.HTTP_202_ACCEPTED)
