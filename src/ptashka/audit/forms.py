"""The audit log's filters: what kind of object, who, and between which days."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .trail import object_kinds


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Object type"), required=False)
    actor = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=150,
        help_text=_("Part of a username or e-mail address, or “system” for changes no one signed in made."),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Everything")), *object_kinds()]

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise forms.ValidationError(_("The first day comes after the last one."))
        return cleaned
