"""Oscar's sign-in by email address, costing the same whether or not an account has the address."""

from django.contrib.auth import get_user_model
from oscar.apps.customer import auth_backends
from oscar.apps.customer.utils import normalise_email


class EmailBackend(auth_backends.EmailBackend):
    """Runs the password hasher for an address no account has, as it runs for a real account.

    Oscar's backend skips the hasher when no user matches, so a wrong password answered measurably
    slower for a real account than for an unknown one: anyone could tell who has an account.
    Django's ModelBackend does the same for unknown usernames.
    """

    def _authenticate(self, request, email=None, password=None, *args, **kwargs):
        typed = email if email is not None else kwargs.get("username")
        if typed is not None and password is not None:
            clean_email = normalise_email(typed)
            User = get_user_model()
            if "@" in clean_email and not User._default_manager.filter(email__iexact=clean_email).exists():
                User().set_password(password)
                return None
        return super()._authenticate(request, email, password, *args, **kwargs)
