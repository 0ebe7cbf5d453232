"""Fingerprints: whether editors changed a pack item since the pack wrote it.

An item's *pack form* is the item as a pack would say it, parts and links included (a
routine with its steps and the slugs it links to, a zone with its shapes), every field
present even when empty. Apps define it next to their loader (``PACK_ITEMS`` in their
``content`` module: the model, the field of its natural key, the form). A *fingerprint* is a
short hash per field of that form: the loader records one in ``PackItem`` for every item it
writes, and the repository ships those of the items as earlier releases' packs left them
(``releases/<commit>.json``, made by ``make release-fingerprints``), for databases made
before the loader recorded any.

An item is unchanged by editors when its row's fingerprint today matches one it had as the
pack wrote it; ``edited_fields`` says which fields differ. Only the fields the recorded
fingerprint knows are compared, so a field a later release adds does not make every item
look edited; every field is in the form, empty or not, so that text an editor writes into
an empty field is seen.
"""

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.db import models

from footcare.hooks import AppHooks, contributions

Form = Callable[[Any], dict[str, Any]]
Fingerprint = dict[str, str]
# Fingerprints of earlier releases' packs: {resource: {natural key: fingerprint}} per file.
RELEASES = Path(__file__).resolve().parent / "releases"


@dataclass(frozen=True)
class PackItemKind:
    """A model whose rows are top-level pack items: how to find one, and its pack form."""

    model: type[models.Model]
    key: str  # the field of its natural key in the pack: slug, view, level, pk
    form: Form
    # Models of its parts, and the field that leads from a part to the item (Step: routine).
    parts: dict[type[models.Model], str] = field(default_factory=dict)


def fingerprint(form: dict[str, Any]) -> Fingerprint:
    """A short hash of each field of a pack form (stable across runs and databases)."""
    return {
        name: hashlib.sha256(
            json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode()
        ).hexdigest()[:16]
        for name, value in form.items()
    }


def edited_fields(recorded: Fingerprint, now: Fingerprint) -> list[str]:
    """The fields of ``recorded`` whose value ``now`` differs; all of them when nothing was
    recorded (a row the pack never wrote is the editors')."""
    if not recorded:
        return ["*"]
    # In the form's order: a database may keep a JSON object's keys in an order of its own.
    order = [*now, *(name for name in recorded if name not in now)]
    return [name for name in order if name in recorded and now.get(name) != recorded[name]]


def pack_item_kinds() -> dict[type[models.Model], PackItemKind]:
    """Every app's ``PACK_ITEMS``, by model, in the order of INSTALLED_APPS."""
    return {kind.model: kind for kind in contributions(AppHooks.content_pack_items)}


def resource(model: type[models.Model]) -> str:
    return model._meta.label_lower


def rows_with_keys() -> Iterator[tuple[PackItemKind, str, models.Model]]:
    """Every row of every pack item model, with its natural key as ``PackItem`` keeps it."""
    for kind in pack_item_kinds().values():
        for row in kind.model._default_manager.order_by("pk"):
            yield kind, str(getattr(row, kind.key)), row


def fingerprints_of_the_database() -> dict[str, dict[str, Fingerprint]]:
    """{resource: {key: fingerprint}} of every pack item in the database, as it is now."""
    found: dict[str, dict[str, Fingerprint]] = {}
    for kind, key, row in rows_with_keys():
        found.setdefault(resource(kind.model), {})[key] = fingerprint(kind.form(row))
    return found


@cache
def earlier_releases() -> tuple[dict[str, dict[str, Fingerprint]], ...]:
    """The shipped fingerprints of earlier releases' packs, oldest file name first."""
    return tuple(
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(RELEASES.glob("*.json"))
    )


def as_released(model: type[models.Model], key: str) -> list[Fingerprint]:
    """The item's fingerprints as earlier releases' packs left it (none if they had not it)."""
    name = resource(model)
    return [release[name][key] for release in earlier_releases() if key in release.get(name, {})]
