"""Oscar's registration views, answering "check your email" whether or not the address has an account."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.views import generic
from oscar.apps.customer import views
from oscar.apps.customer.signals import user_registered
from oscar.core.compat import get_user_model
from oscar.core.loading import get_class

CustomerDispatcher = get_class("customer.utils", "CustomerDispatcher")


class RegisterWithoutTellingMixin:
    """A new address gets its account; an address that has one gets an email to its owner instead.

    Either way the answer is the same page, and nobody is signed in: "already exists", or a
    sign-in only new addresses got, would tell anyone who has an account here.
    """

    def register_user(self, form):
        User = get_user_model()
        owners = list(User._default_manager.filter(email__iexact=form.cleaned_data["email"]))
        if not owners:
            user = form.save()
            user_registered.send_robust(sender=self, request=self.request, user=user)
            if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
                self.send_registration_email(user)
            return user
        # Hash the password as creating the account would, so the answer takes as long.
        User().set_password(form.cleaned_data["password1"])
        for owner in owners:
            CustomerDispatcher().send_registration_attempt_email_for_user(
                owner,
                {
                    "user": owner,
                    "request": self.request,
                    "login_url": reverse("customer:login"),
                    "reset_url": reverse("password-reset"),
                },
            )
        return None

    def registration_received(self):
        return redirect("customer:register-received")


class AccountRegistrationView(RegisterWithoutTellingMixin, views.AccountRegistrationView):
    def form_valid(self, form):
        self.register_user(form)
        return self.registration_received()


class AccountAuthView(RegisterWithoutTellingMixin, views.AccountAuthView):
    """The sign-in page's registration form answers as /accounts/register/ does."""

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            self.register_user(form)
            return self.registration_received()
        return self.render_to_response(self.get_context_data(registration_form=form))


class RegistrationReceivedView(generic.TemplateView):
    template_name = "oscar/customer/registration_received.html"
