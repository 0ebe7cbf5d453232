"""``manage.py deliver_webhooks``: send the webhook deliveries that are due."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from footcare.management.options import add_every, repeat
from footcare.webhooks.delivery import deliver_due


class Command(BaseCommand):
    """Send every webhook delivery that is due, signed, and note what each endpoint answered
    (``footcare.webhooks``); a failure is tried again later, with growing waits.

    Run it as a worker with ``--every`` (deploy/systemd/footcare-webhooks.service), or from a
    timer. Several at once send each delivery once at a time; one that dies mid-send leaves
    its deliveries to be sent again: at least once, never lost.
    """

    help = "Send the webhook deliveries that are due (--every: keep doing it)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_every(parser)

    def handle(self, *args: Any, every: float | None, **options: Any) -> None:
        repeat(every, deliver_due, self.stdout.write)
