"""The content change journal: one ordered list of every change a public reader can see.

Apps say which resources a model change touches (their ``journal.py`` modules connect
signal receivers that call ``record``); this module appends the entries in the writer's own
transaction, under the counter row's lock, so that positions commit in order. Sync tokens
are positions in this journal, and every write moves the stored representations' content
version on (``footcare.representations``).
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from footcare.models import Action, ContentChange, JournalCounter
from footcare.representations import bump_version

Change = tuple[str, str, str]  # (resource, slug, action)


def upserted(resource: str, slugs: Iterable[str]) -> list[Change]:
    return [(resource, slug, Action.UPSERT) for slug in slugs]


def deleted(resource: str, slugs: Iterable[str]) -> list[Change]:
    return [(resource, slug, Action.DELETE) for slug in slugs]


def slugs_by_pk(model: type[models.Model], pks: Iterable[Any]) -> list[str]:
    """The slugs of ``model`` rows with these primary keys (for many-to-many receivers)."""
    return list(model._default_manager.filter(pk__in=pks).values_list("slug", flat=True))


def record(changes: Iterable[Change]) -> None:
    """Append ``changes`` to the journal inside the current transaction."""
    unique = list(dict.fromkeys(changes))
    if not unique:
        return
    with transaction.atomic():
        counter = JournalCounter.objects.select_for_update().filter(pk=1).first()
        if counter is None:
            counter = JournalCounter.objects.create(pk=1)
            counter = JournalCounter.objects.select_for_update().get(pk=1)
        first = counter.last_position + 1
        ContentChange.objects.bulk_create(
            ContentChange(position=first + offset, resource=resource, slug=slug, action=action)
            for offset, (resource, slug, action) in enumerate(unique)
        )
        counter.last_position = first + len(unique) - 1
        counter.save(update_fields=["last_position"])
        bump_version()
        transaction.on_commit(bump_version)


def positions() -> tuple[int, int]:
    """The last committed position and the position compacted through (0, 0 when empty)."""
    counter = JournalCounter.objects.filter(pk=1).first()
    return (counter.last_position, counter.compacted_through) if counter else (0, 0)


def current_position() -> int:
    """The last committed position (0 for an empty journal)."""
    return positions()[0]


def last_change_time() -> int:
    """When the newest journal entry was written (seconds since the epoch; 0 if none)."""
    latest = ContentChange.objects.order_by("-position").values_list("changed_at", flat=True)
    newest = latest.first()
    return int(newest.timestamp()) if newest else 0


def changes_between(after: int, through: int) -> dict[tuple[str, str], str]:
    """The last action on each (resource, slug) in positions ``after`` < p <= ``through``."""
    latest: dict[tuple[str, str], str] = {}
    entries = ContentChange.objects.filter(position__gt=after, position__lte=through)
    for resource, slug, action in entries.order_by("position").values_list(
        "resource", "slug", "action"
    ):
        latest[(resource, slug)] = action
    return latest


class JournaledModel(models.Model):
    """A content model whose saves and deletes share one transaction with their journal entries.

    The journal's receivers run on ``post_save``/``post_delete``; wrapping the write in a
    transaction means a failure in either rolls back both. ``QuerySet.update()`` sends no
    signals: code that bulk-updates content must call ``record`` itself.
    """

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        with transaction.atomic():
            return super().delete(*args, **kwargs)


def on_m2m_change(
    relation: Any, affected: Callable[[set[Any], set[Any]], Iterable[Change]]
) -> None:
    """Record ``affected(owner_pks, target_pks)`` whenever the many-to-many ``relation`` changes.

    ``relation`` is the descriptor (``Zone.body_parts``); changes made from either side count.
    """
    through = relation.through
    forward_attr = relation.field.name
    reverse_attr = relation.rel.related_name

    def receiver(
        sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **_: Any
    ) -> None:
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        if action == "pre_clear":
            other = getattr(instance, reverse_attr if reverse else forward_attr)
            pk_set = set(other.values_list("pk", flat=True))
        owners, targets = (
            ({instance.pk}, set(pk_set or ()))
            if not reverse
            else (set(pk_set or ()), {instance.pk})
        )
        record(affected(owners, targets))

    m2m_changed.connect(receiver, sender=through, weak=False)


Dependents = Callable[[Any], Iterable[Change]]
_tracked: dict[type[models.Model], Callable[[Any], list[Change]]] = {}
_dependents: dict[type[models.Model], list[Dependents]] = {}


def add_dependents(model: type[models.Model], dependents: Dependents) -> None:
    """Also record ``dependents(instance)`` when a ``model`` row changes.

    For resources that embed this one (a body part lists its zones; a routine its
    techniques). Apps further down the dependency line add their own for models they import.
    """
    _dependents.setdefault(model, []).append(dependents)


def _dependent_changes(instance: Any) -> list[Change]:
    return [change for fn in _dependents.get(type(instance), []) for change in fn(instance)]


def track(
    model: type[models.Model],
    resource: str,
    *,
    visible: Callable[[Any], bool] = lambda instance: True,
    key: Callable[[Any], str] = lambda instance: instance.slug,
) -> None:
    """Journal ``model`` as the public resource ``resource``, identified by ``key`` (its slug).

    A row that stops being visible (a routine withdrawn) or changes its slug is recorded as
    deleted under its old slug; changes to rows that are invisible before and after (drafts)
    record nothing of their own.
    """

    def before_save(sender: Any, instance: Any, **_: Any) -> None:
        old = (
            type(instance)._default_manager.filter(pk=instance.pk).first() if instance.pk else None
        )
        instance._journal_before = (key(old), visible(old)) if old is not None else None

    def after_save(sender: Any, instance: Any, **_: Any) -> None:
        before: tuple[str, bool] | None = getattr(instance, "_journal_before", None)
        was_visible = before is not None and before[1]
        is_visible = visible(instance)
        changes: list[Change] = []
        if before is not None and was_visible and (before[0] != key(instance) or not is_visible):
            changes += deleted(resource, [before[0]])
        if is_visible:
            changes += upserted(resource, [key(instance)])
        if was_visible or is_visible:
            changes += _dependent_changes(instance)
        record(changes)

    def before_delete(sender: Any, instance: Any, **_: Any) -> None:
        instance._journal_dependents = _dependent_changes(instance) if visible(instance) else []

    def after_delete(sender: Any, instance: Any, **_: Any) -> None:
        if visible(instance):
            record(deleted(resource, [key(instance)]) + instance._journal_dependents)

    def as_changed(instance: Any) -> list[Change]:
        if not visible(instance):
            return []
        return upserted(resource, [key(instance)]) + _dependent_changes(instance)

    _tracked[model] = as_changed
    pre_save.connect(before_save, sender=model, weak=False)
    post_save.connect(after_save, sender=model, weak=False)
    pre_delete.connect(before_delete, sender=model, weak=False)
    post_delete.connect(after_delete, sender=model, weak=False)


def track_part(model: type[models.Model], changes: Callable[[Any], Iterable[Change]]) -> None:
    """Journal ``model`` as part of other resources (a step of its routine, a zone's shape)."""

    def after(sender: Any, instance: Any, **_: Any) -> None:
        record(changes(instance))

    _tracked[model] = lambda instance: list(changes(instance))

    post_save.connect(after, sender=model, weak=False)
    post_delete.connect(after, sender=model, weak=False)


def record_rows(model: type[models.Model], pks: Iterable[Any]) -> None:
    """Record rows changed behind the signals' back (a bulk update) as changed resources."""
    as_changed = _tracked[model]
    record([c for row in model._default_manager.filter(pk__in=list(pks)) for c in as_changed(row)])
