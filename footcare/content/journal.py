"""The content change journal: one ordered list of every change a public reader can see.

Apps say which resources a model change touches (their ``journal.py`` modules call ``track``,
``track_part``, ``track_when``, ``add_dependents`` and ``on_m2m_change``); this module appends
the entries in the writer's own transaction, under the counter row's lock, so that positions
commit in order.

Every path that writes content is covered: ``save()`` and ``delete()`` (also a queryset's
``delete()``, which sends the same signals row by row), many-to-many changes from either
side, and the bulk paths that send no signals, ``QuerySet.update()``, ``bulk_update()`` and
``bulk_create()``, through ``JournaledQuerySet``. The journal's last position is the content
version: sync tokens are positions, and stored representations are keyed by it.

An entry says whether the item itself changed (``upserted``, or deleted) or only a copy it
shows of another item (``refreshed``: a routine lists a zone's name). The embedding sync and
stored answers treat both alike; the lean sync, which refers to other items by id, sends
only the first.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from footcare.content.guards import GuardedModel, check_later, deferred
from footcare.content.identity import remember_former_slugs
from footcare.models import Action, ContentChange, Event, JournalCounter
from footcare.webhooks.events import record_content_change, record_event


class Change(NamedTuple):
    """One journal entry before it has a position."""

    resource: str
    slug: str
    action: str
    item_id: uuid.UUID | None = None  # the item's id, where it has one and it matters


def upserted(resource: str, slugs: Iterable[str]) -> list[Change]:
    """These items' own content changed (or they appeared)."""
    return [Change(resource, slug, Action.UPSERT) for slug in slugs]


def refreshed(resource: str, slugs: Iterable[str]) -> list[Change]:
    """These items show a copy of something that changed; their own content did not."""
    return [Change(resource, slug, Action.REFRESH) for slug in slugs]


def _id_of(row: Any) -> uuid.UUID | None:
    return getattr(row, "uuid", None)


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
            ContentChange(
                position=first + offset,
                resource=change.resource,
                slug=change.slug,
                action=change.action,
                item_id=change.item_id,
            )
            for offset, change in enumerate(unique)
        )
        counter.last_position = first + len(unique) - 1
        counter.last_changed = int(timezone.now().timestamp())
        counter.save(update_fields=["last_position", "last_changed"])
        # In this transaction, under the counter's lock: the change and its event commit
        # together, or neither does.
        record_content_change(counter.last_position, [change.resource for change in unique])


@dataclass(frozen=True)
class Version:
    """Where the committed journal stands: the content version every process agrees on."""

    position: int  # the last committed position; 0 for an empty journal
    changed: int  # when it was written, in seconds since the epoch; 0 if never
    # The position the journal is compacted through: compaction changes no content, but it
    # expires sync tokens, so an answer stored for a token must not outlive it.
    compacted: int = 0


VERSION_QUERY = (
    "SELECT last_position, last_changed, compacted_through "  # noqa: S608 - our own table
    f"FROM {JournalCounter._meta.db_table} WHERE id = 1"
)


def version() -> Version:
    """The committed content version, read from the database.

    This runs on every API read, stored answers included, so it is one primary-key lookup
    through a plain cursor (the ORM's query building would cost more than the query).
    """
    with connections[router.db_for_read(JournalCounter)].cursor() as cursor:
        cursor.execute(VERSION_QUERY)
        row = cursor.fetchone()
    return Version(int(row[0]), int(row[1]), int(row[2])) if row else Version(0, 0)


def positions() -> tuple[int, int]:
    """The last committed position and the position compacted through (0, 0 when empty)."""
    counter = JournalCounter.objects.filter(pk=1).first()
    return (counter.last_position, counter.compacted_through) if counter else (0, 0)


def current_position() -> int:
    """The last committed position (0 for an empty journal)."""
    return positions()[0]


@dataclass(frozen=True)
class Touched:
    """What the journal says about one item between two positions."""

    own: bool  # its own content changed, or it appeared or went (not only a copy it shows)
    item_id: uuid.UUID | None  # its id, when an entry recorded one


def changes_between(after: int, through: int) -> dict[tuple[str, str], Touched]:
    """Every (resource, slug) with an entry in positions ``after`` < p <= ``through``."""
    touched: dict[tuple[str, str], Touched] = {}
    entries = ContentChange.objects.filter(position__gt=after, position__lte=through)
    for resource, slug, action, item_id in entries.order_by("position").values_list(
        "resource", "slug", "action", "item_id"
    ):
        was = touched.get((resource, slug), Touched(own=False, item_id=None))
        touched[(resource, slug)] = Touched(
            own=was.own or action != Action.REFRESH, item_id=item_id or was.item_id
        )
    return touched


@dataclass(frozen=True)
class Tracker:
    """How one model's rows turn into journal entries.

    ``before(row)`` is taken while the old row is still in the database (its slug, whether
    it was visible, or the resources its relations point at, which a delete will remove);
    ``after(before, row)`` gives the changes once the write is done (``before`` is None for
    a new row).
    """

    before: Callable[[Any], Any]
    after: Callable[[Any, Any], list[Change]]


_tracked: dict[type[models.Model], list[Tracker]] = {}
Dependents = Callable[[Any], Iterable[Change]]
_dependents: dict[type[models.Model], list[Dependents]] = {}


@dataclass(frozen=True)
class Registration:
    """One registration with the journal, as ``manage.py explain_model`` tells it."""

    # "tracked as", "shown by", "part of", "shown in part by" or "links through <relation>"
    how: str
    resources: tuple[str, ...]  # the resources its entries may name
    function: Callable[..., Any]  # what computes them


_registrations: dict[type[models.Model], list[Registration]] = {}


def tracked_models() -> list[type[models.Model]]:
    """Every model whose rows the journal follows (the completeness test reads this)."""
    return list(_tracked)


def registrations(model: type[models.Model]) -> list[Registration]:
    """What the journal records when ``model`` rows change, in the order it was registered."""
    return list(_registrations.get(model, []))


def _register(
    models_: Iterable[type[models.Model]],
    how: str,
    resources: tuple[str, ...],
    function: Callable[..., Iterable[Change]],
) -> Callable[..., list[Change]]:
    """Note the registration for ``explain_model``, and hold ``function`` to ``resources``:
    an entry for a resource it does not declare is a mistake, refused at once, so what
    ``explain_model`` prints stays what runs (the journal-completeness test writes through
    every registration)."""
    for model in models_:
        _registrations.setdefault(model, []).append(Registration(how, resources, function))

    def declared(*args: Any) -> list[Change]:
        changes = list(function(*args))
        undeclared = {change.resource for change in changes} - set(resources)
        if undeclared:
            raise ImproperlyConfigured(
                f"{function.__module__}.{function.__qualname__} records {sorted(undeclared)}, "
                f"which its registration does not declare (resources={resources})."
            )
        return changes

    return declared


def _stored(instance: models.Model) -> Any:
    if instance.pk is None:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).first()


class JournaledQuerySet(models.QuerySet):
    """A queryset whose bulk writes reach the journal like single saves do.

    ``update()`` sends no signals, and ``bulk_update()`` is built on it: both record every
    row they change, judged before and after. ``bulk_create()`` records the new rows.
    """

    def update(self, **kwargs: Any) -> int:
        trackers = _tracked.get(self.model, [])
        if not trackers:
            return super().update(**kwargs)
        with deferred():
            pks = list(self.values_list("pk", flat=True))
            rows = self.model._default_manager.filter(pk__in=pks)
            rows = list(rows)
            before = {row.pk: [tracker.before(row) for tracker in trackers] for row in rows}
            count = super().update(**kwargs)
            updated = list(self.model._default_manager.filter(pk__in=list(before)))
            record(
                change
                for row in updated
                for tracker, was in zip(trackers, before[row.pk], strict=True)
                for change in tracker.after(was, row)
            )
            remember_former_slugs(rows, updated)  # as a save's pre_save would have
            for row in rows:  # read before the update: what the guards compare it with
                check_later(self.model, row.pk, was=row)
        return count

    update.alters_data = True  # type: ignore[attr-defined]

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        trackers = _tracked.get(self.model, [])
        with deferred():
            created = super().bulk_create(objs, *args, **kwargs)
            record(
                change
                for row in created
                for tracker in trackers
                for change in tracker.after(None, row)
            )
            for row in created:
                check_later(self.model, row.pk)
        return created

    def delete(self) -> tuple[int, dict[str, int]]:
        with deferred():  # judged once every row (and what cascades) is gone
            return super().delete()

    delete.alters_data = True  # type: ignore[attr-defined]


class JournaledModel(GuardedModel):
    """A content model whose bulk writes reach the journal (``JournaledQuerySet``).

    Its saves and deletes reach the journal through the receivers ``track`` connects; what
    this base adds is the queryset for the paths that send no signals. Those paths judge
    what they wrote too, so it is a ``GuardedModel``: a journaled write is always judged.
    """

    objects = JournaledQuerySet.as_manager()

    class Meta:
        abstract = True


def _connect(model: type[models.Model], tracker: Tracker) -> None:
    """Record ``tracker``'s changes for every save and delete of ``model``.

    A model may have several trackers (a source is shown by zones, and by benefits, which
    another app knows of); each keeps its own "before" on the instance.
    """
    _tracked.setdefault(model, []).append(tracker)

    def remember(instance: Any, was: Any) -> None:
        instance.__dict__.setdefault("_journal_before", {})[id(tracker)] = was

    def recall(instance: Any) -> Any:
        return instance.__dict__.get("_journal_before", {}).get(id(tracker))

    def before_save(sender: Any, instance: Any, **_: Any) -> None:
        stored = _stored(instance)
        remember(instance, tracker.before(stored) if stored is not None else None)

    def after_save(sender: Any, instance: Any, **_: Any) -> None:
        record(tracker.after(recall(instance), instance))

    def before_delete(sender: Any, instance: Any, **_: Any) -> None:
        remember(instance, tracker.before(instance))

    def after_delete(sender: Any, instance: Any, **_: Any) -> None:
        record(tracker.after(recall(instance), None))

    pre_save.connect(before_save, sender=model, weak=False)
    post_save.connect(after_save, sender=model, weak=False)
    pre_delete.connect(before_delete, sender=model, weak=False)
    post_delete.connect(after_delete, sender=model, weak=False)


def add_dependents(
    model: type[models.Model], dependents: Dependents, *, resources: tuple[str, ...]
) -> None:
    """Also record ``dependents(instance)`` when a ``model`` row changes.

    For ``resources`` that embed this one (a body part lists its zones; a routine its
    techniques). Apps further down the dependency line add their own for models they import.
    """
    checked = _register([model], "shown by", resources, dependents)
    _dependents.setdefault(model, []).append(checked)


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

    A row that stops being visible (a routine withdrawn), is deleted or changes its slug is
    recorded as deleted under its old slug (with its id, so a sync can tell a rename); changes
    to rows that are invisible before and after (drafts) record nothing. The resources that
    embed it (``add_dependents``) are recorded as they were before the write and as they are
    after it.
    """

    def before(row: Any) -> tuple[str, bool, list[Change], uuid.UUID | None]:
        shown = visible(row)
        return key(row), shown, _dependent_changes(row) if shown else [], _id_of(row)

    def after(was: tuple[str, bool, list[Change], Any] | None, row: Any) -> list[Change]:
        old_key, was_visible, old_dependents, old_id = (
            was if was is not None else ("", False, [], None)
        )
        is_visible = row is not None and visible(row)
        _announce(resource, was_visible, is_visible, old_key, old_id, row, key)
        changes: list[Change] = []
        if was_visible and (not is_visible or old_key != key(row)):
            changes.append(Change(resource, old_key, Action.DELETE, old_id))
        new_dependents: list[Change] = []
        if is_visible:
            changes.append(Change(resource, key(row), Action.UPSERT, _id_of(row)))
            new_dependents = _dependent_changes(row)
        return changes + _own_when_membership_changed(old_dependents, new_dependents)

    _register([model], "tracked as", (resource,), after)
    _connect(model, Tracker(before, after))


def _announce(
    resource: str,
    was_visible: bool,
    is_visible: bool,
    old_key: str,
    old_id: Any,
    row: Any,
    key: Callable[[Any], str],
) -> None:
    """Tell the webhook endpoints, in this transaction, that readers got an item they did not
    have (a routine published, a zone added) or lost one (withdrawn, deleted)."""
    if is_visible and not was_visible:
        item_id = _id_of(row)
        payload = {"resource": resource, "slug": key(row), "id": str(item_id) if item_id else None}
        record_event(Event.PUBLISHED, payload)
    elif was_visible and not is_visible:
        payload = {"resource": resource, "slug": old_key, "id": str(old_id) if old_id else None}
        record_event(Event.WITHDRAWN, payload)


def _own_when_membership_changed(before: list[Change], after: list[Change]) -> list[Change]:
    """The dependents of a write, where an item that starts or stops showing the written one
    counts as changed itself: its list of references changed, not only a copy.

    A routine that goes on listing a contraindication only holds a stale copy of its text
    (``REFRESH``); one that starts listing it, because it became general, has a new entry in
    its own list (``UPSERT``).
    """
    keys_before = {(change.resource, change.slug) for change in before}
    keys_after = {(change.resource, change.slug) for change in after}
    return [
        change._replace(action=Action.UPSERT)
        if change.action == Action.REFRESH
        and ((change.resource, change.slug) in keys_before)
        != ((change.resource, change.slug) in keys_after)
        else change
        for change in before + after
    ]


def track_part(
    model: type[models.Model],
    changes: Callable[[Any], Iterable[Change]],
    *,
    resources: tuple[str, ...],
) -> None:
    """Journal ``model`` as part of other ``resources`` (a step of its routine, a zone's shape).

    ``changes(row)`` names the items that show the row; they are taken before the write
    too, so that a delete (which removes the row's links first) still reaches them.
    """
    changes = _register([model], "part of", resources, changes)
    _connect(
        model,
        Tracker(
            before=lambda row: list(changes(row)),
            after=lambda was, row: (was or []) + (list(changes(row)) if row is not None else []),
        ),
    )


def track_when(
    model: type[models.Model],
    shown: Callable[[Any], Any],
    changes: Callable[[Any], Iterable[Change]],
    *,
    resources: tuple[str, ...],
) -> None:
    """Record ``changes(row)`` when a write changes what ``shown(row)`` reads of a ``model`` row.

    For resources that show only part of the row (a routine's drawing shows a zone's name,
    not its description): a row created or deleted counts, a save that leaves ``shown`` equal
    records nothing.
    """
    changes = _register([model], "shown in part by", resources, changes)

    def after(was: tuple[Any, list[Change]] | None, row: Any) -> list[Change]:
        if row is None:
            return was[1] if was is not None else []
        if was is not None and was[0] == shown(row):
            return []
        return (was[1] if was is not None else []) + list(changes(row))

    _connect(model, Tracker(before=lambda row: (shown(row), list(changes(row))), after=after))


def on_m2m_change(
    relation: Any,
    affected: Callable[[set[Any], set[Any]], Iterable[Change]],
    *,
    resources: tuple[str, ...],
) -> None:
    """Record ``affected(owner_pks, target_pks)`` whenever the many-to-many ``relation`` changes.

    ``relation`` is the descriptor (``Zone.body_parts``); changes made from either side count.
    ``affected`` records entries of ``resources`` only.
    """
    through = relation.through
    forward_attr = relation.field.name
    reverse_attr = relation.rel.related_name
    field = relation.field
    affected = _register(
        dict.fromkeys([field.model, field.related_model]),
        f"links through {field.model.__name__}.{field.name}",
        resources,
        affected,
    )

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
