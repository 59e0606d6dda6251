"""examples/headless_checkout.py, run as a real client against the demo shop on a live server."""

import subprocess
import sys
from pathlib import Path

import pytest
from oscar.core.loading import get_model

from ptashka.payments.models import CheckoutPayment
from tests.fakes import localstripe_process

Order = get_model("order", "Order")

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "headless_checkout.py"
# Functional limit for the whole checkout, far above what it takes; a hung client fails the test.
RUN_TIMEOUT_SECONDS = 180

# The fake Stripe of the payments tests: started for tests marked localstripe, configured by stripe_settings.
_localstripe_marker = localstripe_process._localstripe_marker
localstripe_url = localstripe_process.localstripe_url
stripe_settings = localstripe_process.stripe_settings


def run_example(base_url, *args):
    return subprocess.run(
        [sys.executable, str(EXAMPLE), "--base-url", base_url, *args],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
        check=False,
    )


def test_the_example_client_buys_as_a_guest_with_the_dummy_gateway(committed_demo_shop, live_server):
    run = run_example(live_server.url, "--email", "headless@example.com")

    assert run.returncode == 0, run.stdout + run.stderr
    assert "paying with Test payment" in run.stdout
    assert "✓ checkout complete" in run.stdout
    order = Order.objects.get(guest_email="headless@example.com")
    assert order.status == "Paid"
    assert f"order {order.number} is Paid" in run.stdout
    assert CheckoutPayment.objects.get(order_number=order.number).gateway == "dummy"


def test_the_example_client_signs_in_and_buys_with_the_dummy_gateway(committed_demo_shop, live_server):
    run = run_example(live_server.url, "--username", "admin@ptashka.localhost", "--password", "ptashka-admin")

    assert run.returncode == 0, run.stdout + run.stderr
    assert "signed in as admin@ptashka.localhost" in run.stdout
    assert Order.objects.get(user__email="admin@ptashka.localhost").status == "Paid"


@pytest.mark.localstripe
def test_the_example_client_pays_through_stripe_with_a_test_payment_method(
    committed_demo_shop, live_server, stripe_settings
):
    run = run_example(live_server.url, "--gateway", "stripe", "--card", "pm_card_visa")

    assert run.returncode == 0, run.stdout + run.stderr
    assert "paid with pm_card_visa: payment succeeded" in run.stdout
    order = Order.objects.get()
    assert order.status == "Paid"
    assert CheckoutPayment.objects.get(order_number=order.number).gateway == "stripe"


@pytest.mark.localstripe
def test_the_example_client_reports_a_declined_card_and_exits_non_zero(
    committed_demo_shop, live_server, stripe_settings
):
    run = run_example(live_server.url, "--card", "pm_card_chargeCustomerFail")

    assert run.returncode == 1
    assert "the card was declined: Your card was declined." in run.stderr
    assert Order.objects.get().status == "Pending"


def test_the_example_client_says_when_the_shop_cannot_be_reached():
    run = run_example(f"http://127.0.0.1:{localstripe_process.free_port()}")

    assert run.returncode == 1
    assert "is the shop running (`make run`)?" in run.stderr
