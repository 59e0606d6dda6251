"""Reading the demo shop's data files from the repository's fixtures/ folder."""

import json
from pathlib import Path

from django.conf import settings


def fixtures_dir() -> Path:
    return Path(settings.BASE_DIR) / "fixtures"


def read_fixture(name: str) -> dict:
    with (fixtures_dir() / name).open(encoding="utf-8") as data_file:
        return json.load(data_file)
