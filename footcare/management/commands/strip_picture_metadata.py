from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models

from footcare.content.picture_cleaning import items_showing, stored_with_metadata, strip_metadata
from footcare.content.pictures import picture_url
from footcare.management.options import add_dry_run
from footcare.models import Picture


class Command(BaseCommand):
    """Store again, without their metadata, the photos an earlier release kept as uploaded.

    Part of every upgrade, after ``migrate``; running it again changes nothing, and
    ``check --deploy`` fails while a stored picture carries metadata. Each item that showed
    such a picture is saved showing the clean copy, so synced apps learn its address at their
    next sync; the old address answers 404 from then on (purge it from a CDN in front). See
    ``footcare.content.picture_cleaning``.
    """

    help = (
        "Store again without their metadata (EXIF, XMP, colour profiles, comments) the "
        "pictures an earlier release stored as uploaded (see what it would do with --dry-run)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_dry_run(
            parser,
            "List the pictures that carry metadata and the items that show them; change nothing.",
        )

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        found = stored_with_metadata()
        if not found:
            self.stdout.write("No stored picture carries metadata.")
            return
        if dry_run:
            for picture in found:
                self.stdout.write(f"{picture_url(picture)} {_shown_by(picture)}")
            self.stdout.write(
                f"{_pictures(len(found))} metadata; run this without --dry-run to store "
                f"{'it' if len(found) == 1 else 'them'} again without it."
            )
            return
        failed = [picture for picture in found if not self._strip(picture)]
        stripped = len(found) - len(failed)
        if stripped:
            self.stdout.write(
                f"Stripped the metadata of {stripped} stored picture"
                f"{'' if stripped == 1 else 's'}: items show the clean copies, and the old "
                "addresses above answer 404."
            )
        if failed:
            raise CommandError(
                f"{len(failed)} stored picture{'' if len(failed) == 1 else 's'} could not be "
                "stored again (above): replace it on the items' pages in the admin, then run "
                "this again."
            )

    def _strip(self, picture: Picture) -> bool:
        old, shown_by = picture_url(picture), _shown_by(picture)
        try:
            clean = strip_metadata(picture)
        except ValidationError as refused:
            self.stderr.write(f"{old} {shown_by}: {' '.join(refused.messages)}")
            return False
        if clean is None:
            self.stdout.write(f"{old} removed: no item showed it.")
        else:
            self.stdout.write(f"{old} -> {picture_url(clean)} {shown_by}")
        return True


def _pictures(count: int) -> str:
    return f"{count} stored picture carries" if count == 1 else f"{count} stored pictures carry"


def _shown_by(picture: Picture) -> str:
    items = [_named(item) for item, _field in items_showing(picture)]
    return f"(shown by {', '.join(items)})" if items else "(shown by no item)"


def _named(item: models.Model) -> str:
    return f"{item._meta.verbose_name} “{item}”"
