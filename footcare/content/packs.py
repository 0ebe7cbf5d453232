"""Content packs: the YAML files that seed the content, and the export that writes them back.

A pack is a folder of YAML files per app (the shipped ones are each app's ``data/``; an export
writes ``DIR/<app>/``). A translated field is a mapping of language to text
(``name: {en: Liver, ru: Печень}``); plain values are written as they are.

**The pack seeds; editors own.** Loading creates what the pack has and the database has
never had, and remembers it (``PackItem``). It never overwrites, re-creates or re-publishes a
row it loaded before: an editor's edit, deletion or withdrawal stands. ``overwrite=True`` puts
the pack's version back on purpose; ``dry_run`` reports what would change, field by field,
and changes nothing.
"""

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modeltranslation.translator import NotRegistered, translator

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


def _shown(value: Any) -> str:
    if isinstance(value, models.Model):
        return str(getattr(value, "slug", value.pk))
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class PackLoader:
    """Loads pack items: creates what is new, keeps what editors own, counts and diffs.

    ``item()`` is the entry point for a pack's top-level items (a zone, a routine); ``part()``
    for what belongs to one (a step, a shape), touched only when its owner is being written
    (``writes(owner)``).
    """

    def __init__(self, *, overwrite: bool = False) -> None:
        self.overwrite = overwrite
        self.counts: Counter[str] = Counter()
        self.kept = 0  # items the database already had, left as editors left them
        self.changes: list[str] = []
        self._written: set[tuple[type[models.Model], Any]] = set()

    def writes(self, owner: models.Model | None) -> bool:
        """Whether this load writes ``owner``'s parts and links (new, or overwriting)."""
        return owner is not None and (type(owner), owner.pk) in self._written

    def item(
        self, model: type[ModelT], key: dict[str, Any], values: dict[str, Any], *, label: str
    ) -> ModelT | None:
        """The row for a top-level pack item, or None when editors own it and it is left alone.

        Created if the database never had it; rewritten only with ``overwrite``.
        """
        resource, natural_key = model._meta.label_lower, str(next(iter(key.values())))
        existing = model._default_manager.filter(**key).first()
        known = PackItem.objects.filter(resource=resource, key=natural_key).exists()
        if existing is not None and not known:
            # Made before the pack had it (or before packs remembered): the editor's.
            PackItem.objects.create(resource=resource, key=natural_key)
            known = True
        if known and not self.overwrite:
            self.kept += 1
            return None
        row = self._write(model, existing, key, values, label=label)
        if not known:
            PackItem.objects.create(resource=resource, key=natural_key)
        self._written.add((model, row.pk))
        return row

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

    @staticmethod
    def _save(row: models.Model, label: str) -> None:
        try:
            row.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:  # say which pack item, for whoever fixes the pack
            problems = [
                f"{field}: {message}" if field != "__all__" else message
                for field, messages in error.message_dict.items()
                for message in messages
            ]
            raise ValidationError([f"{label}: {problem}" for problem in problems]) from error
        row.save()

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
        kept = f"{self.kept} items already here, kept as editors left them" if self.kept else ""
        if not done:
            return "nothing new in the pack" + (f"; {kept}" if kept else "")
        return "; ".join(part for part in (done, kept) if part)


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
