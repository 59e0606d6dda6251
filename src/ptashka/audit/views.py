"""The dashboard page where superusers read the audit log, filtered and a page at a time."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from .access import can_read_audit_log
from .forms import AuditFilterForm
from .trail import AuditTrail

ENTRIES_PER_PAGE = 50


def audit_readers_only(view):
    """Signed-out visitors go to the dashboard login; signed-in staff who are not superusers get a 403."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
        if not can_read_audit_log(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


@audit_readers_only
def audit_log(request):
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "ptashka/audit/log.html", {"form": form, "entries": []}, status=400)
    trail = AuditTrail(
        **{name: form.cleaned_data[name] for name in ("kind", "actor", "date_from", "date_to")}
    )
    page = Paginator(trail.keys(), ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "ptashka/audit/log.html",
        {
            "form": form,
            "page": page,
            "entries": trail.entries(list(page.object_list)),
            "filters": filters.urlencode(),
        },
    )
