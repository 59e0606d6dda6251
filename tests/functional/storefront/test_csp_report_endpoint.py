"""/csp-report/: browsers' Content-Security-Policy violation reports are logged; anything else is refused."""

import json
import logging

import pytest

pytestmark = pytest.mark.django_db

REPORT_URI_BODY = {
    "csp-report": {
        "document-uri": "https://shop.example.com/checkout/pay/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "https://evil.example.net/skimmer.js",
        "original-policy": "script-src 'self'",
    }
}
REPORTING_API_BODY = [
    {
        "type": "csp-violation",
        "url": "https://shop.example.com/basket/",
        "body": {
            "documentURL": "https://shop.example.com/basket/",
            "effectiveDirective": "script-src-attr",
            "blockedURL": "inline",
        },
    }
]


@pytest.fixture
def warnings_logged(caplog):
    caplog.set_level(logging.WARNING, logger="ptashka.security.reports")
    return caplog


def post_report(client, body, content_type="application/csp-report"):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post("/csp-report/", data=data, content_type=content_type)


def test_a_browsers_violation_report_is_logged_with_directive_and_blocked_uri(client, warnings_logged):
    response = post_report(client, REPORT_URI_BODY)

    assert response.status_code == 204
    assert (
        "CSP violation: script-src-elem blocked https://evil.example.net/skimmer.js "
        "on https://shop.example.com/checkout/pay/"
    ) in warnings_logged.text


def test_a_reporting_api_batch_is_logged_one_line_per_violation(client, warnings_logged):
    response = post_report(client, REPORTING_API_BODY, content_type="application/reports+json")

    assert response.status_code == 204
    assert "CSP violation: script-src-attr blocked inline on https://shop.example.com/basket/" in (
        warnings_logged.text
    )


def test_a_report_needs_no_csrf_token(warnings_logged):
    from django.test import Client

    response = post_report(Client(enforce_csrf_checks=True), REPORT_URI_BODY)

    assert response.status_code == 204


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        json.dumps({"hello": "world"}),
        json.dumps([1, 2]),
        json.dumps([{"type": "deprecation"}]),
        "",
    ],
    ids=["bad-json", "not-a-report", "not-objects", "other-report-type", "empty"],
)
def test_a_body_that_is_not_a_csp_report_gets_400_and_logs_nothing(client, warnings_logged, body):
    response = post_report(client, body)

    assert response.status_code == 400
    assert "error" in response.json()
    assert "CSP violation" not in warnings_logged.text


def test_an_oversized_report_gets_413_and_logs_nothing(client, warnings_logged):
    huge = {"csp-report": {**REPORT_URI_BODY["csp-report"], "script-sample": "x" * 20_000}}

    response = post_report(client, huge)

    assert response.status_code == 413
    assert "CSP violation" not in warnings_logged.text


def test_reading_the_endpoint_is_not_allowed(client):
    assert client.get("/csp-report/").status_code == 405


def test_a_forged_report_cannot_write_extra_log_lines(client, warnings_logged):
    forged = {"csp-report": {**REPORT_URI_BODY["csp-report"], "blocked-uri": "x\nCRITICAL fake entry"}}

    post_report(client, forged)

    line = next(record for record in warnings_logged.records if "CSP violation" in record.getMessage())
    assert "\n" not in line.getMessage()
