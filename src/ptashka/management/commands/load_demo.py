"""manage.py load_demo: build the Ukrainian gift & homeware demo shop from the files in fixtures/."""

import logging
import time
import warnings
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page

from ptashka.demo.catalogue import load_catalogue
from ptashka.demo.content import load_content
from ptashka.demo.images import attach_product_images
from ptashka.demo.offers import load_offers
from ptashka.demo.pages import load_home_page
from ptashka.demo.roles import load_roles
from ptashka.demo.shipping import load_shipping
from ptashka.demo.tally import Tally

# Loggers that report each saved object at INFO level (stock alerts, Wagtail's background tasks,
# page actions): a hundred lines of them would bury the summary.
CHATTY_LOGGERS = ("oscar.alerts", "django_tasks", "wagtail")


class Command(BaseCommand):
    help = (
        "Load the demo shop: catalogue with stock and painted product images, shipping methods, an "
        "offer and a voucher, the Wagtail home page as the site root, and one login per staff role. "
        "Safe to run again: whatever is already there is kept, and nothing is created twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-images",
            action="store_true",
            help="Skip painting product and page images (faster; the home page goes without its pictures).",
        )

    def handle(self, *args, no_images=False, **options):
        started = time.monotonic()
        tally = Tally()
        if not Page.objects.filter(depth=1).exists():
            # Wagtail's migrations make the root page; `manage.py flush` empties it with the rest.
            raise CommandError("Wagtail's root page is missing: load the demo into a migrated database")
        # All or nothing: a failure half-way leaves the database as it was.
        with _quiet(enabled=options["verbosity"] < 2), transaction.atomic():
            catalogue = load_catalogue(tally)
            if not no_images:
                attach_product_images(catalogue.listed_products(), tally)
            load_shipping(tally)
            load_offers(catalogue.categories, tally)
            home = load_home_page(catalogue, tally, with_images=not no_images)
            load_content(catalogue, home, tally, with_images=not no_images)
            logins = load_roles(home, tally)

        for line in tally.lines():
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(self.style.WARNING("Development logins (never use these on a real shop):"))
        for login in logins:
            self.stdout.write(
                f"  {login.username:<13} {login.email:<32} password: {login.password:<16} {login.signs_in_to}"
            )
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo shop loaded in {time.monotonic() - started:.1f} s."))


@contextmanager
def _quiet(enabled):
    if not enabled:
        yield
        return
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            # Haystack's simple backend keeps no index, and says so on every product saved.
            warnings.filterwarnings("ignore", message="update is not implemented", category=UserWarning)
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
