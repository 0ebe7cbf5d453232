"""History: every saved version of the content, kept by django-reversion.

Apps register their models with ``keep_history``. The admin records versions itself (its
VersionAdmin wraps each save in a revision, with the editor and a comment). Every other save,
a script, ``manage.py shell``, is recorded here as a version of its owner: a step is part of
its routine's version, a shape part of its zone's. ``load_content`` records one revision for
the whole load. Restoring goes through the models' saves, so it is journaled like any edit.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import reversion
from django.db import models
from django.db.models.signals import m2m_changed, post_save

Owner = Callable[[Any], models.Model | None]
_owners: dict[type[models.Model], Owner] = {}
_local = threading.local()


def keep_history(
    model: type[models.Model], *, follow: tuple[str, ...] = (), owner: Owner | None = None
) -> None:
    """Keep every saved version of ``model`` (with the ``follow`` relations inside each).

    ``owner(row)`` names the row whose version a change of ``row`` belongs to (the routine
    of a step); by default the row itself.
    """
    if not reversion.is_registered(model):
        reversion.register(model, follow=follow)
    _owners[model] = owner or (lambda row: row)
    post_save.connect(_record_save, sender=model, weak=False)
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(_record_links, sender=field.remote_field.through, weak=False)


@contextmanager
def one_revision(comment: str) -> Iterator[None]:
    """One revision for a change of many rows (a content load): each owner that changed is
    recorded once, as it is at the end, rather than again at every save of its parts (which
    re-serialises a routine with all its steps for each of its hundreds of steps)."""
    _local.changed = {}
    try:
        with reversion.create_revision():
            reversion.set_comment(comment)
            yield
            for model, pk in _local.changed:
                owner = model._default_manager.filter(pk=pk).first()
                if owner is not None:
                    reversion.add_to_revision(owner)
    finally:
        _local.changed = None


def _record(model: type[models.Model], row: Any) -> None:
    owner = _owners[model](row)
    if owner is None or owner.pk is None:
        return
    changed = getattr(_local, "changed", None)
    if changed is not None:
        changed[type(owner), owner.pk] = None
        return
    if reversion.is_active():  # the admin's revision, or the loader's
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
