"""`manage.py export_analytics --date YYYY-MM-DD [--to YYYY-MM-DD]`: write each day's analytics files."""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ptashka.analytics.exports import export_day

BAR_WIDTH = 30


def parse_day(value, option):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} must be a date like 2026-11-01, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Export orders, order lines, revenue by product and category, and product activity of each "
        "day as CSV and Parquet to the exports storage. Re-running a day replaces its files."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="the (first) day to export, YYYY-MM-DD")
        parser.add_argument("--to", help="the last day to export, YYYY-MM-DD (inclusive)")

    def handle(self, *args, **options):
        first = parse_day(options["date"], "--date")
        last = parse_day(options["to"], "--to") if options["to"] else first
        if last < first:
            raise CommandError(f"--to ({last}) is before --date ({first}).")
        today = timezone.localdate()
        if last > today:
            raise CommandError(f"{last} has not happened yet (today is {today} in the shop's time zone).")
        days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
        for done, day in enumerate(days, start=1):
            names = export_day(day)
            if len(days) > 1:
                self.show_progress(done, len(days), day)
            else:
                self.stdout.write(f"{day}: wrote {len(names)} files")
        if len(days) > 1:
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Exported {len(days)} day(s), {first} to {last}."))

    def show_progress(self, done, total, day):
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total} {day}", ending="")
        self.stdout.flush()
