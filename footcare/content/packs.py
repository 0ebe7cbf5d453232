"""Helpers for apps' content packs: YAML files under ``<app>/data/`` upserted by a natural key.

A pack item writes a translated field as a mapping of language to text
(``name: {en: Liver, ru: Печень}``); plain values are written as they are. Rows are saved only
when something differs, so loading a pack twice changes nothing the second time.
"""

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from django.apps import apps
from django.conf import settings
from django.db import models
from modeltranslation.translator import NotRegistered, translator

ModelT = TypeVar("ModelT", bound=models.Model)


def read_pack(app_label: str) -> dict[str, list[dict[str, Any]]]:
    """Every YAML file in the app's ``data/`` folder, in name order, merged by top-level key."""
    folder = Path(apps.get_app_config(app_label).path) / "data"
    pack: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(folder.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, items in document.items():
            pack.setdefault(key, []).extend(items)
    return pack


def translatable_fields(model: type[models.Model]) -> set[str]:
    try:
        return set(getattr(translator.get_options_for_model(model), "fields", ()))
    except NotRegistered:
        return set()


def field_values(model: type[models.Model], item: dict[str, Any], names: Iterable[str]) -> dict:
    """The model field values for ``names`` of a pack item, translations spread per language.

    A language missing from a translated field is stored empty, so that the reader falls
    back to English rather than showing stale text.
    """
    translated = translatable_fields(model)
    languages = [code for code, _name in settings.LANGUAGES]
    values: dict[str, Any] = {}
    for name in names:
        if name not in item:
            if name in translated:  # an omitted text is empty, not NULL, in every language
                values.update({f"{name}_{language}": "" for language in languages})
            continue
        value = item[name]
        if name in translated:
            texts = value if isinstance(value, dict) else {settings.LANGUAGE_CODE: value}
            unknown = set(texts) - set(languages)
            if unknown:
                raise ValueError(f"{model.__name__}.{name}: unknown language(s) {sorted(unknown)}")
            for language in languages:
                values[f"{name}_{language}"] = (texts.get(language) or "").strip()
        else:
            values[name] = value
    return values


class PackLoader:
    """Upserts rows and counts what it created and changed, for the command's summary."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def upsert(self, model: type[ModelT], lookup: dict[str, Any], values: dict[str, Any]) -> ModelT:
        """Create or update the row matching ``lookup``; validate and save only on a change."""
        instance = model._default_manager.filter(**lookup).first()
        created = instance is None
        if instance is None:
            instance = model(**lookup)
        changed = created or any(getattr(instance, k) != v for k, v in values.items())
        if changed:
            for key, value in values.items():
                setattr(instance, key, value)
            instance.full_clean(validate_unique=False, validate_constraints=False)
            instance.save()
            self.counts[
                f"{model._meta.verbose_name_plural} {'created' if created else 'updated'}"
            ] += 1
        return instance

    def set_related(
        self, instance: models.Model, name: str, related: Iterable[models.Model]
    ) -> None:
        """Make a many-to-many relation hold exactly ``related``, touching it only on a change."""
        manager = getattr(instance, name)
        wanted = {obj.pk for obj in related}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            self.counts[f"{name} links updated"] += 1

    def summary(self) -> str:
        changes = {key: count for key, count in self.counts.items() if count}
        if not changes:
            return "up to date, nothing changed"
        return ", ".join(f"{count} {key}" for key, count in sorted(changes.items()))


def by_slug(model: type[ModelT], slugs: Iterable[str], *, where: str) -> list[ModelT]:
    """The rows named by ``slugs``, failing loudly on a slug the pack does not define."""
    wanted = list(slugs)
    found = {obj.slug: obj for obj in model._default_manager.filter(slug__in=wanted)}  # type: ignore[attr-defined]
    missing = [slug for slug in wanted if slug not in found]
    if missing:
        raise ValueError(f"{where}: unknown {model.__name__} slug(s) {missing}")
    return [found[slug] for slug in wanted]
