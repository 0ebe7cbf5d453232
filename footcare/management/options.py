"""Options several commands share, worded once: ``--dry-run``, and ``--every`` with the loop
it runs."""

import time
from collections.abc import Callable, Iterable

from django.core.management.base import CommandError, CommandParser
from django.db import close_old_connections


def add_dry_run(parser: CommandParser, says: str) -> None:
    """``--dry-run``: ``says`` what the command does instead of its work."""
    parser.add_argument("--dry-run", action="store_true", help=says)


def add_every(parser: CommandParser) -> None:
    """``--every SECONDS``: keep doing the command's work (``repeat``)."""
    parser.add_argument(
        "--every",
        type=float,
        default=None,
        help="Keep running, looking every this many seconds (stop with Ctrl+C or SIGTERM).",
    )


def repeat(
    every: float | None, work: Callable[[], Iterable[object]], say: Callable[[str], object]
) -> None:
    """Do ``work`` and ``say`` each line it returns: once, or every ``every`` seconds until
    the process is stopped. Between looks the database connection is let go, so a worker
    outlives a database restart."""
    if every is not None and not 0.05 <= every <= 3600:
        raise CommandError("--every takes seconds from 0.05 to 3600.")
    while True:
        for line in work():
            say(str(line))
        if every is None:
            return
        close_old_connections()
        time.sleep(every)
