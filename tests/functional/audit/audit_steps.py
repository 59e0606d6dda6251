"""Reading the dashboard's forms as a browser sends them, and the audit log of one shop object."""

from auditlog.models import LogEntry
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType


def form_data(page, form_id):
    """What a browser would send for the form as the page shows it (first option of a bare select)."""
    form = BeautifulSoup(page.content, "html.parser").find("form", id=form_id)
    assert form is not None, f"no form #{form_id} on the page"
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("disabled") is not None:
            continue
        if field.name == "select":
            options = field.find_all("option")
            chosen = [o for o in options if o.get("selected") is not None] or options[:1]
            values = [o.get("value", o.text) for o in chosen]
            if field.get("multiple") is not None:
                values = [o.get("value", o.text) for o in options if o.get("selected") is not None]
            data.setdefault(name, []).extend(values)
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.text)
        elif field.get("type") in ("checkbox", "radio"):
            if field.get("checked") is not None:
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file", "image", "reset"):
            data.setdefault(name, []).append(field.get("value", ""))
    return data


def entries_for(obj):
    """The audit log entries of one shop object, oldest first."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    ).order_by("timestamp", "pk")
