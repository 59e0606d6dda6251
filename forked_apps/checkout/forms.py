"""The checkout's first step, which asks for an email address without saying who has an account."""

from oscar.apps.checkout import forms


class GatewayForm(forms.GatewayForm):
    """Guests and new customers go on whatever address they type.

    Oscar answers "A user with that email address already exists", which tells anyone who types an
    address whether it belongs to a customer. A guest with an account may still order as a guest;
    a "new" customer goes to the registration page, which itself answers the same either way (the
    account's owner gets an email instead).
    """

    def clean(self):
        if self.is_guest_checkout() or self.is_new_account_checkout():
            self.errors.pop("password", None)  # no password is asked of them
            return self.cleaned_data
        return super().clean()
