from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from footcare.content.picture_pruning import prune, unused
from footcare.management.options import add_dry_run


class Command(BaseCommand):
    """Remove pictures that no item shows and that were stored more than the grace period ago.

    A replaced or deleted item's picture stays public at its address until this runs:
    schedule it daily. A picture counts as used while any row of any model points at it.
    One stored less than ``--grace-days`` ago stays whatever happens, so that whoever stored
    it (a script, a shell) has time to attach it; the admin stores an upload only as it saves
    the item, in the same transaction.
    """

    help = (
        "Remove pictures no item shows that were stored more than --grace-days ago "
        "(see what would go with --dry-run)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--grace-days",
            type=float,
            default=7,
            help="Keep pictures stored fewer than this many days ago (default 7).",
        )
        add_dry_run(parser, "Say how many would go, and remove nothing.")

    def handle(self, *args: Any, grace_days: float, dry_run: bool, **options: Any) -> None:
        if not grace_days >= 0:
            raise CommandError("--grace-days must be a number of days, 0 or more.")
        stored_before = timezone.now() - timedelta(days=grace_days)
        count = unused(stored_before).count() if dry_run else prune(stored_before)
        if not count:
            self.stdout.write(
                f"Nothing to remove: no unused picture older than {grace_days:g} days."
            )
        else:
            verb = "Would remove" if dry_run else "Removed"
            noun = "picture" if count == 1 else "pictures"
            self.stdout.write(
                f"{verb} {count} {noun} that no item shows, stored more than "
                f"{grace_days:g} days ago."
            )
