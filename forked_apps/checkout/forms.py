"""Checkout's forms: the email step that tells nothing, and an address form fitted to the shop's countries."""

from django import forms as django_forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms


class GatewayForm(forms.GatewayForm):
    """Guests and new customers go on whatever address they type.

    Oscar answers "A user with that email address already exists", which tells anyone who types an
    address whether it belongs to a customer. A guest with an account may still order as a guest;
    a "new" customer goes to the registration page, which itself answers the same either way (the
    account's owner gets an email instead).
    """

    CHOICES = (
        (forms.GatewayForm.GUEST, _("Continue as a guest")),
        (forms.GatewayForm.EXISTING, _("Sign in: I have an account")),
        (forms.GatewayForm.NEW, _("Create an account first")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email")
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["options"].choices = self.CHOICES
        self.fields["options"].label = _("How would you like to check out?")
        password = self.fields["password"]
        password.required = False  # asked only of a returning customer (clean below)
        password.help_text = _("Only if you are signing in.")
        password.widget.attrs.update({"autocomplete": "current-password"})

    def clean(self):
        if self.is_guest_checkout() or self.is_new_account_checkout():
            self.errors.pop("password", None)  # no password is asked of them
            return self.cleaned_data
        if not self.cleaned_data.get("password"):
            self.add_error("password", _("Enter your password to sign in, or choose to continue as a guest."))
            return self.cleaned_data
        return super().clean()


class ShippingAddressForm(forms.ShippingAddressForm):
    """Oscar's address form with the fields a European parcel needs, named and filled in as browsers expect.

    The shop ships to Ukraine and the EU: no title and no third address line; the region is optional
    (an oblast, a county), the phone number is for the carrier's delivery messages.
    """

    LABELS = {
        "first_name": (_("First name"), "given-name"),
        "last_name": (_("Last name"), "family-name"),
        "line1": (_("Street and house number"), "address-line1"),
        "line2": (_("Apartment, floor, entrance (optional)"), "address-line2"),
        "line4": (_("City or town"), "address-level2"),
        "state": (_("Region (optional)"), "address-level1"),
        "postcode": (_("Postcode"), "postal-code"),
        "country": (_("Country"), "country"),
        "phone_number": (_("Phone (optional)"), "tel"),
        "notes": (_("Delivery instructions (optional)"), "off"),
    }
    REQUIRED_MESSAGES = {
        "first_name": _("Enter your first name."),
        "last_name": _("Enter your last name."),
        "line1": _("Enter the street and house number."),
        "line4": _("Enter the city or town."),
        "postcode": _("Enter the postcode."),
        "country": _("Choose the country."),
    }

    class Meta(forms.ShippingAddressForm.Meta):
        fields = [
            "first_name",
            "last_name",
            "line1",
            "line2",
            "line4",
            "state",
            "postcode",
            "country",
            "phone_number",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, autocomplete) in self.LABELS.items():
            field = self.fields.get(name)
            if field is None:
                continue  # the country is dropped when the shop ships to one country only
            field.label = label
            field.widget.attrs["autocomplete"] = autocomplete
            if name in self.REQUIRED_MESSAGES:
                field.error_messages["required"] = self.REQUIRED_MESSAGES[name]
        self.fields["phone_number"].widget.input_type = "tel"
        self.fields["phone_number"].help_text = _("For the carrier's delivery messages.")
        self.fields["notes"].widget = django_forms.Textarea(attrs={"rows": 3, "autocomplete": "off"})
        self.fields["notes"].help_text = _("For example: leave at the Nova Poshta branch no. 5.")

    def _post_clean(self):
        if "postcode" in self._errors:
            # The address model's "Addresses in … require a valid postcode" would repeat, away from the
            # field, what the postcode's own "This field is required" already says beside it.
            self.instance.POSTCODE_REQUIRED = False
        super()._post_clean()


class ShippingMethodForm(forms.ShippingMethodForm):
    """Oscar's, with the name the shopper sees in an error: the choice comes from radio cards."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method_code"].label = _("Delivery method")
        self.fields["method_code"].error_messages["required"] = _(
            "Choose how your order should be delivered."
        )
        self.fields["method_code"].error_messages["invalid_choice"] = _(
            "That delivery method is not offered for this address: choose one of those shown."
        )
