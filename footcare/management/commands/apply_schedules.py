"""``manage.py apply_schedules``: publish and withdraw what editors scheduled, when it is due."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from footcare.content.schedules import apply_due


class Command(BaseCommand):
    """Apply the schedules that are due: routines published or withdrawn at the time an editor
    set (``routines.schedules``).

    The edge worker (``publish_static --watch``) does this at every look; run this where none
    runs: from a timer every minute, or as a worker of its own with ``--every``. Running it
    twice at once does each thing once (each routine is read under a lock).
    """

    help = "Publish and withdraw what editors scheduled for now or before."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            type=float,
            default=None,
            help="Keep running, looking every this many seconds (stop with Ctrl+C or SIGTERM).",
        )

    def handle(self, *args: Any, every: float | None, **options: Any) -> None:
        if every is not None and not 0.05 <= every <= 3600:
            raise CommandError("--every takes seconds from 0.05 to 3600.")
        while True:
            for line in apply_due():
                self.stdout.write(line)
            if every is None:
                return
            close_old_connections()
            time.sleep(every)
