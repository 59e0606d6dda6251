"""Oscar's registration views, answering "check your email" whether or not the address has an account,
and its guest order-status views, which the session that placed the order opens without the email form."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.customer import views
from oscar.apps.customer.signals import user_registered
from oscar.core.compat import get_user_model
from oscar.core.loading import get_class, get_model

CustomerDispatcher = get_class("customer.utils", "CustomerDispatcher")
Order = get_model("order", "Order")

WRONG_EMAIL = _(
    "That email address is not the one this order was placed with. "
    "Use the address the order confirmation was sent to."
)


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


class GuestOrderProofMixin:
    """A guest's order, shown to whoever proved it is theirs: the link's number and hash, and either this
    session having placed it (Oscar keeps its id for the thank-you page) or the order's email given here.

    Oscar asks for the email even of the shopper who has just placed the order, and compares it letter
    for letter; an address differing only in capitals is the same mailbox.
    """

    def get_object(self, queryset=None):
        order = Order.objects.filter(user=None, number=self.order_number).first()
        if order is None or not order.check_verification_hash(self.hash or ""):
            return None
        if self.request.session.get("checkout_order_id") == order.pk:
            return order
        given = self.request.session.get("anon_order_email") or ""
        if order.email and given.casefold() == order.email.casefold():
            return order
        return None


class AnonymousOrderDetailView(GuestOrderProofMixin, views.AnonymousOrderDetailView):
    pass


class AnonymousOrderFormView(GuestOrderProofMixin, views.AnonymousOrderFormView):
    def get(self, request, *args, **kwargs):
        if self.get_object() is not None:  # already proved: nothing to ask
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        session = self.request.session
        before = session.get("anon_order_email")
        session["anon_order_email"] = form.cleaned_data["email"]
        order = self.get_object()
        if order is None:
            # A wrong address changes nothing: the one given before (for another order) stays.
            if before is None:
                session.pop("anon_order_email", None)
            else:
                session["anon_order_email"] = before
            form.add_error("email", WRONG_EMAIL)
            return self.form_invalid(form)
        # The live status socket compares the session's address with the order's exactly.
        self.request.session["anon_order_email"] = order.email
        return redirect(self.get_success_url())
