"""Oscar-api's session login, rate limited like the token endpoint."""

from oscarapi.views import login

from ptashka.api.throttling import Throttled


class LoginView(Throttled, login.LoginView):
    throttle_scope = "login"
