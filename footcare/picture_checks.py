"""``manage.py check --deploy`` fails while a stored picture carries metadata.

Pictures stored by an earlier release kept their EXIF (GPS positions, owners' names) and are
served as they are until ``manage.py strip_picture_metadata`` stores them again without it
(``footcare.content.picture_cleaning``). Kept apart from ``footcare.checks``; registered by
``FootcareConfig.ready``.
"""

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.db import DatabaseError

from footcare.content.picture_cleaning import stored_with_metadata


@register(Tags.security, deploy=True)
def no_stored_picture_carries_metadata(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Reads every stored photo (a few at a time): the upgrade recipe runs it once."""
    try:
        count = len(stored_with_metadata())
    except DatabaseError as error:
        return [
            Warning(
                f"Could not look for stored pictures that carry metadata: {error}",
                hint="Run the check where the production database is reachable and migrated.",
                id="footcare.W101",
            )
        ]
    if not count:
        return []
    carry = "picture carries" if count == 1 else "pictures carry"
    return [
        Error(
            f"{count} stored {carry} metadata (EXIF with the place a photo was taken, the "
            "owner's name …), stored by an earlier release and served as it came.",
            hint="Run: manage.py strip_picture_metadata (with --dry-run, it lists them and "
            "the items that show them).",
            id="footcare.E101",
        )
    ]
