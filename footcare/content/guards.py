"""Rules that content must keep whatever path a change takes: admin, loader, shell or script.

Apps register checks per model: ``guard_saves(model, check)`` for rows as they are saved (by
``save()``, ``QuerySet.update()``, ``bulk_update()`` or a many-to-many change they report with
``check_later``), ``guard_changes(model, check)`` for what a change may not take away (it sees
the row as it was before the change and as the change leaves it, or None if it deleted it),
and ``guard_deletes(model, check)`` for rows about to be deleted. A check returns the problems
in plain words, naming what would break; an empty list means the change is fine.

A save is judged once the whole change is written, at the end of the outermost ``deferred()``
block: every save, delete and bulk update is one such block of its own, and callers that make
one change in several writes (the admin's routine editor: a step's pressure, then its zones;
the content loader) wrap them in one, so that a step is not judged half-edited. If a problem
remains, ``UnsafeChange`` is raised inside the writer's transaction, which rolls it back. A
delete is refused before anything is removed.

``problems_if_saved`` and ``problems_if_deleted`` let a form say the same thing before it
tries (the admin shows them as form errors).

``tolerating_what_was_there()`` is for bringing a database up to a new release's content
(``load_content --overwrite``): a database an earlier release made may hold items, kept as
editors left them, that break rules that release did not have. Within it, what the change
writes itself (``written_by_this_change``) is judged in full; a row it only touches (a
routine judged again because a zone it names was linked anew) is refused only for problems
it did not have on entry, so the load need not fix what it leaves to the editors (it lists
those) and may not make anything worse.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_save, pre_delete, pre_save

Check = Callable[[Any], list[str]]
# (the row as it was before the change, the row as the change leaves it or None if deleted)
ChangeCheck = Callable[[Any, Any], list[str]]

_save_checks: dict[type[models.Model], list[Check]] = {}
_change_checks: dict[type[models.Model], list[ChangeCheck]] = {}
_delete_checks: dict[type[models.Model], list[Check]] = {}
_local = threading.local()


class UnsafeChange(ValidationError):
    """A change that would break a safety rule; its messages name what would break."""


class GuardedModel(models.Model):
    """A content model the safety guards judge whatever writes it.

    A save or delete is one change of its own (``deferred``): the guards judge the row once
    it is complete, inside the writer's transaction, so a refusal rolls it all back.
    ``clean()`` asks the same guards first, for forms to show their problems.
    """

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        with deferred():  # the guards judge the saved row once the save is complete
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        with deferred():
            return super().delete(*args, **kwargs)

    def clean(self) -> None:
        problems = problems_if_saved(self)
        if problems:
            raise ValidationError(problems)


def guards_of(model: type[models.Model]) -> dict[str, list[Callable[..., list[str]]]]:
    """The checks registered for ``model``, by what they judge (``manage.py explain_model``)."""
    return {
        "saves": list(_save_checks.get(model, [])),
        "changes": list(_change_checks.get(model, [])),
        "deletes": list(_delete_checks.get(model, [])),
    }


def guard_saves(model: type[models.Model], check: Check) -> None:
    _judge_every_save(model)
    _save_checks.setdefault(model, []).append(check)


def guard_changes(model: type[models.Model], check: ChangeCheck) -> None:
    """Judge ``check(was, row)`` once a change that wrote ``model`` rows is complete.

    ``was`` is the row as it stood before the change first wrote it: a rule about what may
    not be taken away (a flag unticked) needs it, and on the bulk paths no signal carries it.
    New rows are not judged; a row the change deleted is judged with ``row`` None.
    """
    if model not in _change_checks:
        pre_save.connect(_remember_stored, sender=model, weak=False)
    _judge_every_save(model)
    _change_checks.setdefault(model, []).append(check)


def _judge_every_save(model: type[models.Model]) -> None:
    if model not in _save_checks and model not in _change_checks:
        # Every save, raw ones too (a restored version is written raw).
        post_save.connect(_judge_saved, sender=model, weak=False)


def _stored(instance: models.Model) -> Any:
    if instance.pk is None:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).first()


def _remember_stored(sender: Any, instance: Any, **_: Any) -> None:
    instance.__dict__["_guards_was"] = _stored(instance)


def _judge_saved(sender: Any, instance: Any, **_: Any) -> None:
    check_later(sender, instance.pk, was=instance.__dict__.pop("_guards_was", None))


def guard_deletes(model: type[models.Model], check: Check) -> None:
    if model not in _delete_checks:
        pre_delete.connect(_refuse_unsafe_delete, sender=model, weak=False)
    _delete_checks.setdefault(model, []).append(check)


@contextmanager
def left_to_the_judge() -> Iterator[None]:
    """Within: ``problems_if_saved`` says nothing, for a writer that validates rows inside a
    change (the content loader's end-state check) and leaves the guards' rules to the judge
    at the end of the change, rather than asking them twice."""
    _local.quiet = True
    try:
        yield
    finally:
        _local.quiet = False


def problems_if_saved(instance: models.Model) -> list[str]:
    """What saving ``instance`` as it is now would break (for forms, before they save)."""
    if getattr(_local, "quiet", False):
        return []
    checks = _save_checks.get(type(instance), [])
    problems = [problem for check in checks for problem in check(instance)]
    if type(instance) in _change_checks:
        stored = _stored(instance)
        if stored is not None:
            problems += _problems_if_changed(stored, instance)
    return problems


def _problems_if_changed(was: models.Model, row: models.Model | None) -> list[str]:
    checks = _change_checks.get(type(was), [])
    return [problem for check in checks for problem in check(was, row)]


def problems_if_deleted(instance: models.Model) -> list[str]:
    """What deleting ``instance`` would break (the admin lists them as protected)."""
    checks = _delete_checks.get(type(instance), [])
    return [problem for check in checks for problem in check(instance)]


def _refuse_unsafe_delete(sender: Any, instance: Any, **_: Any) -> None:
    problems = problems_if_deleted(instance)
    if problems:
        raise UnsafeChange(problems)


def check_later(model: type[models.Model], pk: Any, *, was: Any = None) -> None:
    """Judge the saved row ``model``/``pk`` once the current change is complete.

    ``was`` is the row as it stood before this write (None for a new row, or where the
    writer does not know); the first write of the change gives the row's state before it.
    """
    if model not in _save_checks and model not in _change_checks:
        return
    pending = getattr(_local, "pending", None)
    if pending is not None:
        # Inside a change: queue it. Opening a nested block here would cost a savepoint
        # (two queries) for a dict assignment that cannot fail.
        pending.setdefault((model, pk), was)
        return
    with deferred():
        _local.pending[(model, pk)] = was


@contextmanager
def deferred() -> Iterator[None]:
    """One change, however many writes: saved rows are judged when the outermost block ends.

    Runs in a transaction, so that a refused change leaves nothing behind.
    """
    outermost = getattr(_local, "pending", None) is None
    if outermost:
        _local.pending = {}
    try:
        with transaction.atomic():
            yield
            if outermost:
                _judge(_local.pending)
    finally:
        if outermost:
            _local.pending = None


@contextmanager
def tolerating_what_was_there() -> Iterator[None]:
    """Within: a row the change does not write itself is refused only for new problems."""
    _local.tolerated = _problems_of_every_row()
    _local.written = set()
    try:
        yield
    finally:
        _local.tolerated = _local.written = None


def written_by_this_change(model: type[models.Model], pk: Any) -> None:
    """Judge this row in full even within ``tolerating_what_was_there()``."""
    written = getattr(_local, "written", None)
    if written is not None:
        written.add((model, pk))


def _problems_of_every_row() -> dict[tuple[type[models.Model], Any], list[str]]:
    """What the save checks say of each row as it stands (rows with problems only). A check
    may ask for another row to be judged (``check_later``): that queue is thrown away."""
    queue = getattr(_local, "pending", None)
    _local.pending = {}
    found = {}
    try:
        for model, checks in _save_checks.items():
            for row in model._default_manager.all():
                problems = [problem for check in checks for problem in check(row)]
                if problems:
                    found[(model, row.pk)] = problems
    finally:
        _local.pending = queue
    return found


def _new_problems(model: type[models.Model], pk: Any, problems: list[str]) -> list[str]:
    """``problems`` less those a row the change did not write had on entry: all of them while
    it has no more than then (a name in the words may have changed), else those not said."""
    tolerated = getattr(_local, "tolerated", None)
    if tolerated is None or (model, pk) in _local.written or (model, pk) not in tolerated:
        return problems
    before = tolerated[(model, pk)]
    return [] if len(problems) <= len(before) else [p for p in problems if p not in before]


def _judge(pending: dict[tuple[type[models.Model], Any], Any]) -> None:
    problems: list[str] = []
    while pending:  # a check may not write, but be safe if one queues more
        (model, pk), was = pending.popitem()
        row = model._default_manager.filter(pk=pk).first()
        if row is not None:
            found = [p for check in _save_checks.get(model, []) for p in check(row)]
            problems += _new_problems(model, pk, found)
        if was is not None:
            problems += _problems_if_changed(was, row)
    if problems:
        raise UnsafeChange(list(dict.fromkeys(problems)))
