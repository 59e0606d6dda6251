"""The dashboard page where superusers read the audit log, filtered and a page at a time.

Who may open it is the app config's permissions_map (ptashka.audit.apps).
"""

from django.core.paginator import Paginator
from django.shortcuts import render

from .forms import AuditFilterForm
from .trail import AuditTrail

ENTRIES_PER_PAGE = 50


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
