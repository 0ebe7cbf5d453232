"""History: every saved version of the content, kept by django-reversion.

Apps register their models with ``keep_history``. The admin records versions itself (its
VersionAdmin wraps each save in a revision, with the editor and a comment). Every other save,
a script, ``manage.py shell``, is recorded here as a version of its owner: a step is part of
its routine's version, a shape part of its zone's. ``load_content`` records a revision per
item it changed (``revision_per_item``).

``restore`` puts back one item as a version holds it, with its parts, and nothing else of
that version's revision: an earlier release's loader recorded the whole pack as one revision,
and django-reversion's own restore reverts a whole revision. Restoring goes through the
models' saves, so it is journaled and judged by the safety guards like any edit.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import reversion
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_save
from django.utils.translation import gettext as _
from reversion.errors import RevertError
from reversion.models import Version

# What each model's versions hold, as registered (the admin may register a model before its
# app's keep_history does); django-reversion's own admin reads it the same way.
from reversion.revisions import _get_options

from footcare.models import Picture

# The foreign key that leads from a row to the row whose version it belongs to; None: itself.
_owners: dict[type[models.Model], str | None] = {}
_kept: dict[type[models.Model], tuple[str, ...]] = {}
_local = threading.local()


def keep_history(
    model: type[models.Model],
    *,
    follow: tuple[str, ...] = (),
    owner: str | None = None,
    restore_keeps: tuple[str, ...] = (),
) -> None:
    """Keep every saved version of ``model`` (with its parts, the ``follow`` relations).

    ``follow`` names reverse foreign keys: the rows that belong to this one (a routine's
    steps), saved in each of its versions and restored with it. ``owner`` names the foreign key
    to the row whose version a change of a row belongs to (a step's ``routine``); by default
    the row itself. ``restore_keeps`` names fields that a restore leaves as they are, and that a
    recovered row gets as a new one would (a routine's publication).
    """
    for name in follow:
        if not model._meta.get_field(name).one_to_many:
            raise ValueError(f"{model.__name__}.{name}: follow names the rows that belong to it")
    if not reversion.is_registered(model):
        reversion.register(model, follow=follow)
    if owner is not None and not model._meta.get_field(owner).many_to_one:
        raise ValueError(f"{model.__name__}.{owner}: owner names a foreign key")
    _owners[model] = owner
    _kept[model] = restore_keeps
    post_save.connect(_record_save, sender=model, weak=False)
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(_record_links, sender=field.remote_field.through, weak=False)


@dataclass(frozen=True)
class Kept:
    """How a model's history is kept, as ``manage.py explain_model`` tells it."""

    owner: type[models.Model]  # whose versions hold its rows (itself, or a step's routine)
    follow: tuple[str, ...]  # the parts its own versions hold
    restore_keeps: tuple[str, ...]  # what a restore leaves as it is


def kept(model: type[models.Model]) -> Kept | None:
    """How ``model``'s history is kept; None if it is not."""
    if model not in _owners:
        return None
    name = _owners[model]
    owner = model if name is None else model._meta.get_field(name).related_model
    return Kept(owner, tuple(_get_options(model).follow), _kept[model])  # type: ignore[arg-type]


def history_models() -> list[type[models.Model]]:
    """Every model whose history is kept, in the order apps registered them."""
    return list(_owners)


@contextmanager
def revision_per_item(comment: str) -> Iterator[None]:
    """A revision of its own for each item a change of many rows (a content load) touched,
    holding the item as it is at the end with its parts, rather than one revision for all
    (whose restore would put back every item) or one per save of a part (which re-serialises
    a routine with all its steps for each of its hundreds of steps)."""
    _local.changed = {}
    try:
        yield
        by_model: dict[type[models.Model], list[Any]] = {}
        for model, pk in _local.changed:
            by_model.setdefault(model, []).append(pk)
        for model, pks in by_model.items():
            for owner in model._default_manager.filter(pk__in=pks):
                # Inside the caller's transaction: a savepoint per item would buy nothing.
                with reversion.create_revision(atomic=False):
                    reversion.set_comment(comment)
                    reversion.add_to_revision(owner)
    finally:
        _local.changed = None


def restore(version: Version) -> None:
    """Put the item of ``version`` back as the version holds it, with the parts it follows as
    the same revision holds them; nothing else in that revision is touched.

    Its parts that the version does not hold (steps added since) are deleted, as
    django-reversion's ``revert(delete=True)`` does: the item is then exactly as it was.
    Parts the version holds that were deleted since come back. Fields in ``restore_keeps``
    keep their current values, or get their defaults when the item itself comes back.
    """
    model = version._model
    current = model._default_manager.using(version.db).filter(pk=version.object_id).first()
    versions = [version, *_parts_in_revision(version)]
    _refuse_links_to_rows_deleted_since(versions)
    kept = version._object_version.object
    for name in _kept.get(model, ()):
        field = model._meta.get_field(name)
        setattr(kept, name, getattr(current, name) if current else field.get_default())
    with transaction.atomic(using=version.db):
        if current is not None:
            restored = {(each._model, each.object_id) for each in versions}
            for part in _parts_now(current):
                if (type(part), str(part.pk)) not in restored:
                    part.delete()
        for each in versions:  # the item first: its parts point at it
            each.revert()


def _refuse_links_to_rows_deleted_since(versions: list[Version]) -> None:
    """A ``RevertError`` in words when a version points at a row that no longer exists (a
    step's technique deleted since): written, it would break the database's foreign keys."""
    restored = {(each._model, str(each.object_id)) for each in versions}
    for each in versions:
        options = each._model._meta
        # A picture removed since is the editor's to replace on the restore page (the upload
        # form asks for one; picture_pruning's guard refuses it in words on other paths).
        links = [
            field
            for field in options.concrete_fields
            if field.many_to_one and field.related_model is not Picture
        ]
        for field in [*links, *options.many_to_many]:
            value = each.field_dict.get(field.attname if field.many_to_one else field.name)
            targets = {str(pk) for pk in (value if field.many_to_many else [value]) or ()}
            targets -= {None, "None"} | {
                pk for model, pk in restored if model is field.related_model
            }
            manager = field.related_model._default_manager.using(each.db)
            if len(targets) > manager.filter(pk__in=targets).count():
                raise RevertError(
                    _(
                        "This version cannot be restored: its %(item)s names a %(kind)s "
                        "deleted since."
                    )
                    % {"item": each.object_repr, "kind": field.related_model._meta.verbose_name}
                )


def _parts_in_revision(version: Version) -> list[Version]:
    """The versions, in ``version``'s revision, of the parts of ``version``'s item."""
    parts: list[Version] = []
    model = version._model
    for name in _get_options(model).follow:
        link = model._meta.get_field(name).field  # the part's foreign key to the item
        item_key = version.field_dict[link.target_field.attname]
        for candidate in version.revision.version_set.get_for_model(link.model, version.db):
            if candidate.field_dict[link.attname] == item_key:
                parts += [candidate, *_parts_in_revision(candidate)]
    return parts


def _parts_now(row: models.Model) -> list[models.Model]:
    parts: list[models.Model] = []
    for name in _get_options(type(row)).follow:
        for part in getattr(row, name).all():
            parts += [part, *_parts_now(part)]
    return parts


def _record(model: type[models.Model], row: Any) -> None:
    name = _owners[model]
    owner = row if name is None else getattr(row, name)
    if owner is None or owner.pk is None:
        return
    changed = getattr(_local, "changed", None)
    if changed is not None:
        changed[type(owner), owner.pk] = None
        return
    if reversion.is_active():  # the admin's revision
        reversion.add_to_revision(owner)
        return
    with reversion.create_revision():
        reversion.set_comment("Saved outside the admin")
        reversion.add_to_revision(owner)


def _record_save(sender: Any, instance: Any, raw: bool = False, **_: Any) -> None:
    if raw:  # a restore or a fixture writes a version that exists already
        return
    _record(sender, instance)


def _record_links(sender: Any, instance: Any, action: str, reverse: bool, **_: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        model = type(instance)
        if model in _owners:
            _record(model, instance)
