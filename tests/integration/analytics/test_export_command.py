"""`manage.py export_analytics`: a day or a range with a progress bar; bad input writes nothing."""

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[3]


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("export_analytics", *args, stdout=out)
    return out.getvalue()


def test_one_day(exports_dir, day_of_sales):
    output = run("--date", "2026-11-20")

    assert "2026-11-20: wrote 10 files" in output
    assert (exports_dir / "2026-11-20" / "orders.parquet").exists()


def test_a_range_shows_progress_and_writes_every_day(exports_dir, db):
    output = run("--date", "2026-11-18", "--to", "2026-11-20")

    assert "3/3 2026-11-20" in output
    assert "[" + "#" * 30 + "]" in output
    assert sorted(path.name for path in exports_dir.iterdir()) == ["2026-11-18", "2026-11-19", "2026-11-20"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--date", "20-11-2026"], "--date must be a date like 2026-11-01, not '20-11-2026'"),
        (["--date", "2026-02-30"], "--date must be a date"),
        (["--date", "2026-11-20", "--to", "tomorrow"], "--to must be a date"),
        (["--date", "2026-11-20", "--to", "2026-11-19"], "--to (2026-11-19) is before --date (2026-11-20)"),
    ],
)
def test_bad_dates_are_refused_and_nothing_is_written(exports_dir, db, args, message):
    with pytest.raises(CommandError) as refused:
        run(*args)

    assert message in str(refused.value)
    assert list(exports_dir.iterdir()) == []


def test_a_day_that_has_not_come_is_refused(exports_dir, db):
    tomorrow = timezone.localdate() + timedelta(days=1)

    with pytest.raises(CommandError, match="has not happened yet"):
        run("--date", date.isoformat(tomorrow))

    assert list(exports_dir.iterdir()) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["--date", "2026-11-20", "--colour", "blue"], "unrecognized arguments: --colour blue"),
        ([], "the following arguments are required: --date"),
        (["--date", "2026-11-31"], "CommandError: --date must be a date like 2026-11-01, not '2026-11-31'"),
    ],
)
def test_from_the_shell_bad_input_exits_non_zero_with_a_clear_message(tmp_path, args, message):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ptashka.settings.test",
        "ANALYTICS_EXPORT_ROOT": str(tmp_path),
    }

    finished = subprocess.run(
        [sys.executable, "manage.py", "export_analytics", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert finished.returncode != 0
    assert message in finished.stderr
    assert list(tmp_path.iterdir()) == []
