"""Only failures that may pass are retried: a full mailbox later, never a bad address."""

import smtplib

import pytest
import requests
from botocore.exceptions import ClientError, EndpointConnectionError

from ptashka.background.retry import is_transient
from ptashka.notifications.sms import SMSRefused


def http_error(status):
    response = requests.Response()
    response.status_code = status
    return requests.HTTPError(response=response)


@pytest.mark.parametrize(
    "failure",
    [
        smtplib.SMTPResponseException(451, b"try again later"),
        smtplib.SMTPServerDisconnected("connection lost"),
        smtplib.SMTPRecipientsRefused({"a@example.com": (450, b"mailbox busy")}),
        ConnectionRefusedError(),
        TimeoutError(),
        http_error(503),
        http_error(429),
        SMSRefused(503, "Service unavailable"),
        SMSRefused(429, "Too many requests"),
        requests.ConnectionError(),
        EndpointConnectionError(endpoint_url="http://127.0.0.1:1"),
        ClientError(
            {"ResponseMetadata": {"HTTPStatusCode": 503}, "Error": {"Code": "SlowDown"}}, "PutObject"
        ),
    ],
)
def test_failures_that_may_pass_are_transient(failure):
    assert is_transient(failure)


@pytest.mark.parametrize(
    "failure",
    [
        smtplib.SMTPResponseException(550, b"no such user"),
        smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"no such user")}),
        smtplib.SMTPAuthenticationError(535, b"bad credentials"),
        http_error(400),
        http_error(401),
        SMSRefused(400, "The 'To' number is not a valid phone number."),
        ClientError(
            {"ResponseMetadata": {"HTTPStatusCode": 403}, "Error": {"Code": "AccessDenied"}}, "PutObject"
        ),
        ValueError("a bug"),
    ],
)
def test_refusals_and_bugs_are_permanent(failure):
    assert not is_transient(failure)
