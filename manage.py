#!/usr/bin/env python
"""Django's command-line utility for Ptashka."""

import os
import sys
from pathlib import Path


def main():
    root = Path(__file__).resolve().parent
    # forked_apps/ and cms/ live at the root, the project package under src/.
    sys.path[:0] = [str(root), str(root / "src")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ptashka.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
