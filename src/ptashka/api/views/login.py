"""Oscar-api's session login (rate limited like the token endpoint) and its answers, as the schema says."""

from functools import partial

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from oscarapi.serializers.login import UserSerializer
from oscarapi.views import login

from ptashka.api.serializers.login import LoginSerializer
from ptashka.api.throttling import Throttled


class LoginView(Throttled, login.LoginView):
    throttle_scope = "login"
    # oscar-api answers 405 to a guest's GET and to a POST from a session already signed in.
    error_statuses = (405,)
    serializer_class = LoginSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # oscar-api builds its serializer without a context; ours needs the request for authenticate().
        self.serializer_class = partial(LoginSerializer, context={"request": request})

    # 204 unless OSCARAPI_EXPOSE_USER_DETAILS is on.
    @extend_schema(responses={200: UserSerializer, 204: None})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(responses={200: OpenApiTypes.STR})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    @extend_schema(responses={200: OpenApiTypes.STR})
    def delete(self, request, *args, **kwargs):
        return super().delete(request, *args, **kwargs)


class UserDetail(login.UserDetail):
    @extend_schema(responses={200: UserSerializer, 204: None})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class RegistrationView(login.RegistrationView):
    # 401 while OSCARAPI_ENABLE_REGISTRATION is off (the shop's default: accounts are made on the storefront).
    error_statuses = (401,)

    @extend_schema(responses={201: OpenApiTypes.STR})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
