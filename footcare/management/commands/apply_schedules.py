"""``manage.py apply_schedules``: publish and withdraw what editors scheduled, when it is due."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from footcare.content.schedules import apply_due
from footcare.management.options import add_every, repeat


class Command(BaseCommand):
    """Apply the schedules that are due: routines published or withdrawn at the time an editor
    set (``routines.schedules``).

    The edge worker (``publish_static --watch``) does this at every look; run this where none
    runs: from a timer every minute, or as a worker of its own with ``--every``. Running it
    twice at once does each thing once (each routine is read under a lock).
    """

    help = "Publish and withdraw what editors scheduled for now or before."

    def add_arguments(self, parser: CommandParser) -> None:
        add_every(parser)

    def handle(self, *args: Any, every: float | None, **options: Any) -> None:
        repeat(every, apply_due, self.stdout.write)
