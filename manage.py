#!/usr/bin/env python
"""Django's command-line utility for footcare."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "footcare.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reads the environment now, to refuse it plainly
    except ImproperlyConfigured as problem:
        sys.exit(f"footcare cannot start: {problem}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
