#!/usr/bin/env python
"""Django's command-line utility. A configuration or database-connection error is printed as one
clear line instead of a traceback."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geumcheon_jobs.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    from geumcheon_jobs.env import SettingsError

    try:
        execute_from_command_line(sys.argv)
    except SettingsError as exc:
        sys.exit(f"Configuration error: {exc}")
    except OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.exit(f"Database error: {first_line} (check DATABASE_URL)")


if __name__ == "__main__":
    main()
