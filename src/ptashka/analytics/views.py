"""Dashboard pages where shop managers list and download the analytics exports.

Who may open them is the app config's permissions_map (ptashka.analytics.apps).
"""

from datetime import date

from django.http import FileResponse, Http404
from django.shortcuts import render

from .exports import FORMATS, TABLE_NAMES, exported_days, exports_storage


def export_list(request):
    days = exported_days()
    return render(
        request,
        "ptashka/analytics/exports.html",
        {"days": days, "tables": TABLE_NAMES, "formats": FORMATS},
    )


def export_download(request, day, table, fmt):
    # Only names this app writes can be asked for: nothing else in the storage is reachable.
    try:
        day = date.fromisoformat(day)
    except ValueError:
        raise Http404("No such day.") from None
    if table not in TABLE_NAMES or fmt not in FORMATS:
        raise Http404("No such export file.")
    name = f"{day.isoformat()}/{table}.{fmt}"
    storage = exports_storage()
    if not storage.exists(name):
        raise Http404("This day has not been exported.")
    return FileResponse(storage.open(name, "rb"), as_attachment=True, filename=f"ptashka-{day}-{table}.{fmt}")
