from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from footcare.models import ContentChange, JournalCounter


class Command(BaseCommand):
    """Drop content-journal entries older than the retention period.

    Sync tokens older than the newest dropped entry then get the "full sync required" answer,
    so clients that have been away too long start again from a full catalogue.
    """

    help = "Remove journal entries older than JOURNAL_RETENTION_DAYS (or --days)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=settings.JOURNAL_RETENTION_DAYS)

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(days=days)
        with transaction.atomic():
            counter = JournalCounter.objects.select_for_update().get(pk=1)
            old = ContentChange.objects.filter(changed_at__lt=cutoff)
            newest_dropped = old.order_by("-position").values_list("position", flat=True).first()
            if newest_dropped is None:
                self.stdout.write(f"Nothing older than {days} days.")
                return
            # Positions below the newest dropped one go too, so the journal stays contiguous.
            removed, _ = ContentChange.objects.filter(position__lte=newest_dropped).delete()
            counter.compacted_through = max(counter.compacted_through, newest_dropped)
            counter.save(update_fields=["compacted_through"])
        self.stdout.write(
            f"Removed {removed} entries through position {newest_dropped}; "
            "older sync tokens now need a full sync."
        )
