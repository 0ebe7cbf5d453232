"""Which pictures no item shows any more, and removing them once they have waited long enough.

A picture stays stored after the item that showed it moves on to another (a replaced photo)
or is deleted; it is still public at its address. ``prune`` removes such pictures. Every
foreign key to ``Picture`` in any installed model counts as a use, found by walking the
model's relations, so that a model added later is counted without being named here.

History keeps versions that show pictures removed since; restoring one is refused in words
(``guard_restores``), and the editor may upload a picture in the same form.

The grace period counts from when a picture was stored: one stored and not yet attached (by
a script, or a shell) is left alone for that long. An old picture being attached at the
moment it is judged unused is safe too: ``save_picture`` locks the row it finds until the
item is saved, and pruning skips locked rows and deletes one row at a time, each after
checking again, under its lock, that nothing points at it. (On PostgreSQL; SQLite lets one
writer at a time, so the two cannot interleave.)
"""

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext

from footcare.content.guards import guard_saves
from footcare.models import Picture


@dataclass(frozen=True)
class Reference:
    """A foreign key to ``Picture``: ``model.name``."""

    model: type[models.Model]
    name: str


def picture_references() -> list[Reference]:
    """Every field of an installed model that points at a picture (hidden ones included:
    the content models' keys have no reverse accessor)."""
    return [
        Reference(relation.field.model, relation.field.name)
        for relation in Picture._meta.get_fields(include_hidden=True)
        if isinstance(relation, models.ForeignObjectRel)
        and not isinstance(relation, models.ManyToManyRel)  # counted by its through table
    ]


def unused(stored_before: datetime) -> models.QuerySet[Picture]:
    """Pictures stored before ``stored_before`` that nothing points at."""
    rows = Picture.objects.filter(created_at__lt=stored_before)
    for reference in picture_references():
        uses = reference.model._base_manager.filter(**{reference.name: OuterRef("pk")})
        rows = rows.filter(~Exists(uses))
    return rows


def prune(stored_before: datetime) -> int:
    """Remove the pictures ``unused`` names; the number removed."""
    removed = 0
    for pk in list(unused(stored_before).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                # Judged again under the row's lock: a row an editor's save holds is skipped.
                locked = unused(stored_before).select_for_update(skip_locked=True)
                row = locked.filter(pk=pk).only("pk").first()
                if row is not None:
                    row.delete()
                    removed += 1
        except IntegrityError:
            pass  # attached since, by a path that takes no lock (a restore): it stays
    return removed


def guard_restores() -> None:
    """Refuse, in words, a save that points at a removed picture: a restored version of an
    item may name one, which the database would refuse with an error page. (The admin's
    forms treat such an item as having no picture, and ask for one where it needs one.)"""
    for reference in picture_references():
        guard_saves(reference.model, partial(_removed_picture, reference.name))


def _removed_picture(name: str, item: Any) -> list[str]:
    pk = getattr(item, item._meta.get_field(name).attname)
    if pk is None or Picture.objects.filter(pk=pk).exists():
        return []
    return [
        gettext(
            "“%(item)s” shows a picture that was removed since, as no item showed it any "
            "more: upload a picture for it."
        )
        % {"item": item}
    ]
