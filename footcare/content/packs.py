"""Content packs: the YAML files that seed the content, and the export that writes them back.

A pack is a folder of YAML files per app (the shipped ones are each app's ``data/``; an export
writes ``DIR/<app>/``). A translated field is a mapping of language to text
(``name: {en: Liver, ru: Печень}``); plain values are written as they are.

**The pack seeds; editors own.** Loading creates what the pack has and the database has
never had, and remembers it (``PackItem``, with the item's fingerprint). It never overwrites,
re-creates or re-publishes a row it loaded before: an editor's edit, deletion or withdrawal
stands. ``overwrite=True`` brings the items editors never changed up to the pack (their row
still matches the fingerprint the pack wrote, ``footcare.content.fingerprints``) and lists the
ones they changed or deleted, untouched; ``overwrite_edited=True`` puts the pack back over
those too. The command's ``--dry-run`` reports what would change, field by field.

The whole load is one change: rows are written with their field values checked, then, once
every part and link is in place, ``finish()`` validates each written row as it now stands
(its model's own ``clean()``), and the safety guards judge the whole change when its
``deferred()`` block ends: a routine is not judged between its old steps and its new ones.
"""

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modeltranslation.translator import NotRegistered, translator

from footcare.content.fingerprints import (
    PackItemKind,
    as_released,
    edited_fields,
    fingerprint,
    pack_item_kinds,
    resource,
    rows_with_keys,
)
from footcare.content.guards import GuardedModel, left_to_the_judge, written_by_this_change
from footcare.content.identity import Identified, natural_key, pack_id
from footcare.models import PackItem

ModelT = TypeVar("ModelT", bound=models.Model)
# libyaml's loader when there is one: the pack reads in 0.06 s instead of 0.6 s, on every
# load_content (every make run), with the same result.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_pack(folder: Path) -> dict[str, Any]:
    """Every YAML file in ``folder``, in name order, merged by top-level key.

    A key holds a list of items (merged across files) or one item (the safety screen).
    """
    pack: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}  # noqa: S506 - a safe loader
        for key, items in document.items():
            if isinstance(items, dict):
                pack[key] = items
            else:
                pack.setdefault(key, []).extend(items)
    return pack


class _PackDumper(yaml.SafeDumper):
    """Block style for documents, flow style for coordinates and short lists of slugs."""


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
    flat = all(isinstance(item, int | float | str) for item in items)
    points = all(
        isinstance(item, list) and all(isinstance(n, int | float) for n in item) for item in items
    )
    return dumper.represent_sequence(
        "tag:yaml.org,2002:seq", items, flow_style=bool(items) and (flat or points)
    )


_PackDumper.add_representer(list, _represent_list)


def write_pack(folder: Path, documents: dict[str, dict[str, Any]]) -> None:
    """Write ``{file name: document}`` into ``folder``, deterministically (stable order)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, document in sorted(documents.items()):
        text = yaml.dump(
            document, Dumper=_PackDumper, allow_unicode=True, sort_keys=False, width=100
        )
        (folder / name).write_text(text, encoding="utf-8")


def translatable_fields(model: type[models.Model]) -> list[str]:
    try:
        return list(getattr(translator.get_options_for_model(model), "fields", ()))
    except NotRegistered:
        return []


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def field_values(model: type[models.Model], item: dict[str, Any], names: Iterable[str]) -> dict:
    """The model field values for ``names`` of a pack item, translations spread per language.

    A language missing from a translated field is stored empty, so that the reader falls
    back to English rather than showing stale text.
    """
    translated = set(translatable_fields(model))
    values: dict[str, Any] = {}
    for name in names:
        if name not in item:
            if name in translated:  # an omitted text is empty, not NULL, in every language
                values.update({f"{name}_{language}": "" for language in languages()})
            continue
        value = item[name]
        if name in translated:
            texts = value if isinstance(value, dict) else {settings.LANGUAGE_CODE: value}
            unknown = set(texts) - set(languages())
            if unknown:
                raise ValueError(f"{model.__name__}.{name}: unknown language(s) {sorted(unknown)}")
            for language in languages():
                values[f"{name}_{language}"] = (texts.get(language) or "").strip()
        else:
            values[name] = value
    return values


def item_values(row: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """The pack item fields of ``row`` for ``names`` (the reverse of ``field_values``).

    A translated field whose every language is empty is left out, as a pack would write it.
    """
    translated = set(translatable_fields(type(row)))
    item: dict[str, Any] = {}
    for name in names:
        if name in translated:
            texts = {language: getattr(row, f"{name}_{language}") or "" for language in languages()}
            if any(texts.values()):
                item[name] = texts
        else:
            item[name] = getattr(row, name)
    return item


def fields_form(row: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """The pack form of ``row``'s fields ``names``: like ``item_values``, but a translated
    field is there in every language even when empty, for fingerprints (an editor may fill
    in a text the pack left empty)."""
    translated = set(translatable_fields(type(row)))
    return {
        name: (
            {language: getattr(row, f"{name}_{language}") or "" for language in languages()}
            if name in translated
            else getattr(row, name)
        )
        for name in names
    }


def _shown(value: Any) -> str:
    if isinstance(value, models.Model):
        return str(getattr(value, "slug", value.pk))
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


@dataclass(frozen=True)
class KeptItem:
    """A pack item the load left as editors left it: changed (``fields``) or deleted."""

    label: str
    model: type[models.Model]
    key: str
    fields: list[str]  # the fields editors changed; ["*"] if the pack never wrote the row
    deleted: bool = False
    used_by: list[str] = field(default_factory=list)  # kinds of rows that still use it


class PackLoader:
    """Loads pack items: creates what is new, keeps what editors own, counts and diffs.

    ``item()`` is the entry point for a pack's top-level items (a zone, a routine); ``part()``
    for what belongs to one (a step, a shape), touched only when its owner is being written
    (``writes(owner)``). ``finish()`` ends the load: it validates what was written and records
    the written items' fingerprints.

    ``upgrading``: the database was made by a release before the loader kept ``PackItem`` rows
    (``made_by_an_earlier_release()``): an item that release's pack had and the database has
    not was deleted by an editor, and stays deleted.
    """

    def __init__(
        self, *, overwrite: bool = False, overwrite_edited: bool = False, upgrading: bool = False
    ) -> None:
        self.overwrite = overwrite or overwrite_edited
        self.overwrite_edited = overwrite_edited
        self.upgrading = upgrading
        self.counts: Counter[str] = Counter()
        self.kept = 0  # items the database already had, left as editors left them
        self.edited: list[KeptItem] = []  # of those, the ones an overwrite leaves alone
        self.changes: list[str] = []
        self._written: set[tuple[type[models.Model], Any]] = set()
        self._items: list[tuple[PackItemKind, Any, PackItem]] = []
        self._saved: list[tuple[type[models.Model], Any, str]] = []
        self._seen: set[tuple[type[models.Model], str]] = set()
        self._kinds = pack_item_kinds()

    def writes(self, owner: models.Model | None) -> bool:
        """Whether this load writes ``owner``'s parts and links (new, or overwriting)."""
        return owner is not None and (type(owner), owner.pk) in self._written

    def item(
        self, model: type[ModelT], key: dict[str, Any], values: dict[str, Any], *, label: str
    ) -> ModelT | None:
        """The row for a top-level pack item, or None when it is left as editors left it.

        Created if the database never had it. One it had is written again only by an
        overwrite, and only if editors did not change or delete it (or ``overwrite_edited``).
        """
        kind = self._kinds[model]
        name, key_text = resource(model), str(next(iter(key.values())))
        self._seen.add((model, key_text))
        existing = model._default_manager.filter(**key).first()
        record = PackItem.objects.filter(resource=name, key=key_text).first()
        if record is None:
            record = self._first_record(model, key_text, found=existing is not None)
        if record is not None:
            kept = self._kept(kind, existing, record, label=label)
            if kept is not None:
                self.kept += 1
                if self.overwrite:
                    self.edited.append(kept)
                return None
        row = self._write(model, existing, key, values, label=label)
        written_by_this_change(model, row.pk)  # its parts and links are the pack's too
        if record is None:
            record = PackItem.objects.create(resource=name, key=key_text)
        self._items.append((kind, row.pk, record))
        self._written.add((model, row.pk))
        return row

    def _first_record(self, model: type[models.Model], key: str, *, found: bool) -> PackItem | None:
        """The ``PackItem`` of an item the loader meets for the first time, if it is not new:
        a row made before the pack had it or before the loader remembered (with the earlier
        release's fingerprint when its pack left it so), or one an editor deleted."""
        released = as_released(model, key)
        if not found and not (self.upgrading and released):
            return None  # new: the caller creates it
        return PackItem.objects.create(
            resource=resource(model), key=key, fingerprint=released[-1] if released else {}
        )

    def _kept(
        self, kind: PackItemKind, row: models.Model | None, record: PackItem, *, label: str
    ) -> KeptItem | None:
        """Why the loader leaves this item alone, or None if it writes it."""
        if row is None:
            if self.overwrite_edited:
                return None
            return KeptItem(label, kind.model, record.key, [], deleted=True)
        if not self.overwrite:
            return KeptItem(label, kind.model, record.key, [])
        edited = self.edited_fields(kind, row, record)
        if not edited or self.overwrite_edited:
            return None
        return KeptItem(label, kind.model, record.key, edited)

    @staticmethod
    def edited_fields(kind: PackItemKind, row: models.Model, record: PackItem) -> list[str]:
        """The fields editors changed since the pack wrote ``row`` (none if it still matches
        the pack's last write, or an earlier release's pack)."""
        now = fingerprint(kind.form(row))
        known = [record.fingerprint, *as_released(kind.model, record.key)]
        if any(recorded and not edited_fields(recorded, now) for recorded in known):
            return []
        return edited_fields(record.fingerprint or (known[-1] if len(known) > 1 else {}), now)

    def part(
        self, model: type[ModelT], key: dict[str, Any], values: dict[str, Any], *, label: str
    ) -> ModelT:
        """Create or update a part of an item being written (a step of a routine)."""
        existing = model._default_manager.filter(**key).first()
        return self._write(model, existing, key, values, label=label)

    def _write(
        self,
        model: type[ModelT],
        existing: ModelT | None,
        key: dict[str, Any],
        values: dict[str, Any],
        *,
        label: str,
    ) -> ModelT:
        if existing is None:
            row = model(**key)
            if isinstance(row, Identified):  # the same id on every installation
                row.uuid = pack_id(model._meta.label_lower, natural_key(key))
            for name, value in values.items():
                setattr(row, name, value)
            self._save(row, label)
            self.counts[f"{model._meta.verbose_name_plural} created"] += 1
            self.changes.append(f"{label}: created")
            return row
        changed = {
            name: (getattr(existing, name), value)
            for name, value in values.items()
            if getattr(existing, name) != value
        }
        if changed:
            for name, (old, new) in changed.items():
                setattr(existing, name, new)
                self.changes.append(f"{label}: {name}: {_shown(old)} -> {_shown(new)}")
            self._save(existing, label)
            self.counts[f"{model._meta.verbose_name_plural} updated"] += 1
        return existing

    def _save(self, row: models.Model, label: str) -> None:
        """Save ``row`` with its field values checked; the rest of its validation waits for
        ``finish()``, when its parts and links are written too."""
        with labelled(label):
            row.clean_fields()
        row.save()
        written_by_this_change(type(row), row.pk)
        self._saved.append((type(row), row.pk, label))

    def retire_dropped(self, kinds: list[PackItemKind]) -> None:
        """Delete what earlier releases' packs wrote and this pack no longer has (the shipped
        pack, with an overwrite): items editors never changed and nothing else still uses.

        An item editors changed, or one still used (a zone an editor's routine names), is
        kept and listed. Items editors made themselves were never the pack's: not touched.
        """
        if not self.overwrite:
            return
        for kind in reversed(kinds):  # an item before what it uses (a zone before its sources)
            for row in kind.model._default_manager.order_by("pk"):
                key = str(getattr(row, kind.key))
                if (kind.model, key) not in self._seen:
                    self._retire(kind, row, key)

    def _retire(self, kind: PackItemKind, row: models.Model, key: str) -> None:
        record = PackItem.objects.filter(resource=resource(kind.model), key=key).first()
        released = as_released(kind.model, key)
        if not (record and record.fingerprint) and not released:
            return  # the editors' own item
        if record is None:
            record = PackItem(resource=resource(kind.model), key=key, fingerprint=released[-1])
        label = f"{kind.model._meta.verbose_name} {key}"
        edited = self.edited_fields(kind, row, record)
        users = _users(row, kind)
        if (edited and not self.overwrite_edited) or users:
            self.kept += 1
            self.edited.append(KeptItem(label, kind.model, key, edited, used_by=users))
            return
        self.changes.append(f"{label}: removed (no longer in the pack)")
        row.delete()
        if record.pk:
            record.delete()
        self.counts[f"{kind.model._meta.verbose_name_plural} removed"] += 1

    def finish(self) -> None:
        """Validate every row this load wrote, as the whole load leaves it, and record the
        fingerprints of the items it wrote. Raises ``ValidationError`` naming each item."""
        problems: list[str] = []
        for model, pk, label in dict.fromkeys(self._saved):
            if model.clean is GuardedModel.clean:
                continue  # only the guards' rules, which judge the whole load when it ends
            row = model._default_manager.filter(pk=pk).first()
            if row is None:  # written, then removed by the pack (a step it no longer has)
                continue
            try:
                with labelled(label), left_to_the_judge():
                    row.clean()
            except ValidationError as error:
                problems += error.messages
        if problems:
            raise ValidationError(list(dict.fromkeys(problems)))
        for kind, pk, record in self._items:
            record.fingerprint = fingerprint(kind.form(kind.model._default_manager.get(pk=pk)))
            record.save(update_fields=["fingerprint"])

    def links(
        self, row: models.Model, name: str, related: Iterable[models.Model], *, label: str
    ) -> None:
        """Make a many-to-many relation of a written row hold exactly ``related``."""
        manager = getattr(row, name)
        wanted = list(related)
        current = {obj.pk: obj for obj in manager.all()}
        if set(current) != {obj.pk for obj in wanted}:
            before = sorted(_shown(obj) for obj in current.values())
            after = sorted(_shown(obj) for obj in wanted)
            manager.set(wanted)
            self.counts[f"{name} links updated"] += 1
            self.changes.append(f"{label}: {name}: {before} -> {after}")

    def removed(self, rows: models.QuerySet[Any], *, label: str) -> None:
        """Delete parts of a written item that the pack no longer has."""
        for row in rows:
            self.changes.append(f"{label}: {row} removed")
            row.delete()
            self.counts[f"{rows.model._meta.verbose_name_plural} removed"] += 1

    def summary(self) -> str:
        changes = {key: count for key, count in self.counts.items() if count}
        done = ", ".join(f"{count} {key}" for key, count in sorted(changes.items()))
        kept = ""
        if self.overwrite and self.edited:
            kept = f"{len(self.edited)} items left as they are for the editors (below)"
        elif self.kept and not self.overwrite:
            kept = f"{self.kept} items already here, kept as they are"
        if not done:
            return "nothing new in the pack" + (f"; {kept}" if kept else "")
        return "; ".join(part for part in (done, kept) if part)


def _users(row: models.Model, kind: PackItemKind) -> list[str]:
    """The kinds of rows that still point at ``row`` (its own parts aside)."""
    users = []
    for relation in row._meta.related_objects:
        accessor = relation.get_accessor_name()
        if relation.related_model in kind.parts or accessor is None:
            continue
        related = getattr(row, accessor, None)  # a one-to-one's missing row: None
        used = related is not None and (relation.one_to_one or related.exists())
        if used:
            users.append(str(relation.related_model._meta.verbose_name_plural))  # type: ignore[union-attr]
    return users


def made_by_an_earlier_release() -> bool:
    """Whether the database holds content loaded by a release before the loader kept
    ``PackItem`` rows: items of that release's pack, and no record of any pack item."""
    if PackItem.objects.exists():
        return False
    return any(as_released(kind.model, key) for kind, key, _row in rows_with_keys())


@contextmanager
def labelled(label: str) -> Iterator[None]:
    """Say which pack item a ``ValidationError`` is about, for whoever fixes the pack."""
    try:
        yield
    except ValidationError as error:
        problems = (
            [
                f"{field}: {message}" if field != "__all__" else message
                for field, messages in error.message_dict.items()
                for message in messages
            ]
            if hasattr(error, "error_dict")
            else error.messages
        )
        raise ValidationError([f"{label}: {problem}" for problem in problems]) from error


def by_slug(model: type[ModelT], slugs: Iterable[str], *, where: str) -> list[ModelT]:
    """The rows named by ``slugs``, failing loudly on a slug the database does not have."""
    wanted = list(slugs)
    found = {obj.slug: obj for obj in model._default_manager.filter(slug__in=wanted)}  # type: ignore[attr-defined]
    missing = [slug for slug in wanted if slug not in found]
    if missing:
        raise ValueError(f"{where}: unknown {model.__name__} slug(s) {missing}")
    return [found[slug] for slug in wanted]


def slugs(rows: Iterable[Any]) -> list[str]:
    return [row.slug for row in rows]


def pack_items(
    rows: Iterable[Any], names: Iterable[str], *, key: str = "slug", links: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """``rows`` in their pack form, for an export: the key (a slug, a view), the fields
    ``names`` (see ``item_values``), then each of ``links`` as the sorted slugs it links to."""
    names, links = list(names), list(links)
    return [
        {
            key: getattr(row, key),
            **item_values(row, names),
            **{link: sorted(slugs(getattr(row, link).all())) for link in links},
        }
        for row in rows
    ]
