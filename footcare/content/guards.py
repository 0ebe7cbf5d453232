"""Rules that content must keep whatever path a change takes: admin, loader, shell or script.

Apps register checks per model: ``guard_saves(model, check)`` for rows as they are saved (by
``save()``, ``QuerySet.update()``, ``bulk_update()`` or a many-to-many change they report with
``check_later``) and ``guard_deletes(model, check)`` for rows about to be deleted. A check
returns the problems in plain words, naming what would break; an empty list means the change
is fine.

A save is judged once the whole change is written, at the end of the outermost ``deferred()``
block: every save, delete and bulk update is one such block of its own, and callers that make
one change in several writes (the admin's routine editor: a step's pressure, then its zones;
the content loader) wrap them in one, so that a step is not judged half-edited. If a problem
remains, ``UnsafeChange`` is raised inside the writer's transaction, which rolls it back. A
delete is refused before anything is removed.

``problems_if_saved`` and ``problems_if_deleted`` let a form say the same thing before it
tries (the admin shows them as form errors).
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_save, pre_delete

Check = Callable[[Any], list[str]]

_save_checks: dict[type[models.Model], list[Check]] = {}
_delete_checks: dict[type[models.Model], list[Check]] = {}
_local = threading.local()


class UnsafeChange(ValidationError):
    """A change that would break a safety rule; its messages name what would break."""


def guard_saves(model: type[models.Model], check: Check) -> None:
    if model not in _save_checks:
        # Every save, raw ones too (a restored version is written raw).
        post_save.connect(_judge_saved, sender=model, weak=False)
    _save_checks.setdefault(model, []).append(check)


def _judge_saved(sender: Any, instance: Any, **_: Any) -> None:
    check_later(sender, instance.pk)


def guard_deletes(model: type[models.Model], check: Check) -> None:
    if model not in _delete_checks:
        pre_delete.connect(_refuse_unsafe_delete, sender=model, weak=False)
    _delete_checks.setdefault(model, []).append(check)


def problems_if_saved(instance: models.Model) -> list[str]:
    """What saving ``instance`` as it is now would break (for forms, before they save)."""
    checks = _save_checks.get(type(instance), [])
    return [problem for check in checks for problem in check(instance)]


def problems_if_deleted(instance: models.Model) -> list[str]:
    """What deleting ``instance`` would break (the admin lists them as protected)."""
    checks = _delete_checks.get(type(instance), [])
    return [problem for check in checks for problem in check(instance)]


def _refuse_unsafe_delete(sender: Any, instance: Any, **_: Any) -> None:
    problems = problems_if_deleted(instance)
    if problems:
        raise UnsafeChange(problems)


def check_later(model: type[models.Model], pk: Any) -> None:
    """Judge the saved row ``model``/``pk`` once the current change is complete."""
    if model not in _save_checks:
        return
    pending = getattr(_local, "pending", None)
    if pending is not None:
        # Inside a change: queue it. Opening a nested block here would cost a savepoint
        # (two queries) for a dict assignment that cannot fail.
        pending[(model, pk)] = None
        return
    with deferred():
        _local.pending[(model, pk)] = None


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


def _judge(pending: dict[tuple[type[models.Model], Any], None]) -> None:
    problems: list[str] = []
    while pending:  # a check may not write, but be safe if one queues more
        (model, pk), _ = pending.popitem()
        row = model._default_manager.filter(pk=pk).first()
        if row is not None:
            problems += problems_if_saved(row)
    if problems:
        raise UnsafeChange(list(dict.fromkeys(problems)))
