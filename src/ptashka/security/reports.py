"""The endpoint browsers send Content-Security-Policy violation reports to: each one becomes a log warning."""

import json
import logging

from django import http
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger(__name__)

# A browser's report is well under 4 KiB; anything far bigger is not one.
MAX_REPORT_BYTES = 16 * 1024
# Report fields are written by whoever sends them: kept short and on one log line.
MAX_FIELD_CHARS = 300


def loggable(value):
    text = str(value if value is not None else "")
    return text.replace("\r", " ").replace("\n", " ")[:MAX_FIELD_CHARS]


def violations_in(payload):
    """The violations of a report-uri body ({"csp-report": {…}}) or of a Reporting API batch
    ([{"type": "csp-violation", "body": {…}}]), as (directive, blocked, document) triples."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        report = payload["csp-report"]
        directive = report.get("effective-directive") or report.get("violated-directive")
        return [(directive, report.get("blocked-uri"), report.get("document-uri"))]
    if isinstance(payload, list) and payload and all(isinstance(entry, dict) for entry in payload):
        found = []
        for entry in payload:
            body = entry.get("body")
            if entry.get("type") != "csp-violation" or not isinstance(body, dict):
                raise ValueError("not a csp-violation report")
            found.append((body.get("effectiveDirective"), body.get("blockedURL"), body.get("documentURL")))
        return found
    raise ValueError("not a CSP report")


@csrf_exempt  # browsers send reports without a CSRF token, and nothing here changes state
@require_POST
def csp_report(request):
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > MAX_REPORT_BYTES or len(request.body) > MAX_REPORT_BYTES:
        return http.JsonResponse({"error": "The report is too large."}, status=413)
    try:
        violations = violations_in(json.loads(request.body))
    except (ValueError, UnicodeDecodeError):
        return http.JsonResponse({"error": "Send a CSP violation report as JSON."}, status=400)
    for directive, blocked, document in violations:
        logger.warning(
            "CSP violation: %s blocked %s on %s",
            loggable(directive),
            loggable(blocked),
            loggable(document),
        )
    return http.HttpResponse(status=204)
