#!/usr/bin/env python
"""manage.py of the stock Oscar reference site; run it with bench/.venv-stock/bin/python."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    # The site's package is bench/stock_oscar: bench/ goes first on the path.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stock_oscar.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
