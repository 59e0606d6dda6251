"""Oscar's customer forms, with a registration form that does not say whether an address has an account."""

from oscar.apps.customer import forms
from oscar.apps.customer.utils import normalise_email


class EmailUserCreationForm(forms.EmailUserCreationForm):
    """Oscar's, minus "A user with that email address already exists": the view answers the same for both."""

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])
