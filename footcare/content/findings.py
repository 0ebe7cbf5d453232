"""Which content item a content rule's violation is about, for the lists editors read.

The last check's findings are kept (``ContentCheck``) for the editors' dashboard.

A violation says where it is in words (``zone liver, plantar view``, ``routine quick, step 3``,
``step 412, instruction (ru)``); this module finds the pack item those words name, through the
apps' ``PACK_ITEMS`` (a part, such as a step, leads to its item). Locations that name no one
item (``published routines``) belong to none.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone, translation

from footcare.content.fingerprints import PackItemKind, pack_item_kinds
from footcare.content.rules import Violation, violations
from footcare.models import ContentCheck


@dataclass(frozen=True)
class ItemRef:
    """A pack item by model and natural key (as ``PackItem`` names it)."""

    model: type[models.Model]
    key: str

    def row(self) -> models.Model | None:
        kind = pack_item_kinds()[self.model]
        return self.model._default_manager.filter(**{kind.key: self.key}).first()


def _names() -> list[tuple[str, PackItemKind, type[models.Model] | None, str]]:
    """(English name, kind, part model or None, field from the part to its item), the
    longest names first so that "zone shape" is tried before "zone"."""
    found: list[tuple[str, PackItemKind, type[models.Model] | None, str]] = []
    with translation.override("en"):
        for kind in pack_item_kinds().values():
            opts = kind.model._meta
            found += [
                (str(opts.verbose_name), kind, None, ""),
                (str(opts.verbose_name_plural), kind, None, ""),
            ]
            found += [
                (str(part._meta.verbose_name), kind, part, field)
                for part, field in kind.parts.items()
            ]
    return sorted(found, key=lambda entry: -len(entry[0]))


def items_of(location: str) -> list[ItemRef]:
    """The pack items a violation's location names (none for a catalogue-wide one)."""
    head = re.split(r",| \(", location, maxsplit=1)[0].strip()
    for name, kind, part, field in _names():
        if head == name and part is None:
            keys = list(kind.model._default_manager.values_list(kind.key, flat=True)[:2])
            return [ItemRef(kind.model, str(keys[0]))] if len(keys) == 1 else []
        if not head.startswith(name + " "):
            continue
        rest = head[len(name) + 1 :]
        if part is None:
            return [ItemRef(kind.model, key) for key in rest.split(" and ")]
        row = part._default_manager.filter(pk=rest).first() if rest.isdigit() else None
        owner = getattr(row, field) if row is not None else None
        return [ItemRef(kind.model, str(getattr(owner, kind.key)))] if owner else []
    return []


def by_item(found: Iterable[Violation]) -> dict[ItemRef | None, list[Violation]]:
    """Violations grouped by the item each names (None: those that name no one item)."""
    grouped: dict[ItemRef | None, list[Violation]] = {}
    for violation in found:
        items: list[ItemRef | None] = [*items_of(violation.location)] or [None]
        for item in items:
            grouped.setdefault(item, []).append(violation)
    return grouped


def record_check(found: Iterable[Violation]) -> ContentCheck:
    """Keep ``found`` as the last content check, each finding with the item it names (its
    model, primary key and name, so that a list of them costs no query per item)."""
    findings = []
    with translation.override("en"):  # the rules' words, and the item names they match
        for item, violations in by_item(found).items():
            row = item.row() if item is not None else None
            labels = _names_of(row) if row is not None else {}
            for violation in violations:
                findings.append(
                    {
                        "model": row._meta.label_lower if row is not None else "",
                        "pk": row.pk if row is not None else None,
                        "label": labels,
                        "location": violation.location,
                        "rule": violation.rule,
                        "message": violation.message,
                    }
                )
    check, _created = ContentCheck.objects.update_or_create(
        pk=1, defaults={"checked_at": timezone.now(), "findings": findings}
    )
    return check


def _names_of(row: models.Model) -> dict[str, str]:
    """The item's name in every language, as the admin shows it."""
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names[code] = str(row)
    return names


def check_now() -> ContentCheck:
    """Run every content rule over the content as it is, and keep what they found."""
    with translation.override("en"):
        return record_check(violations())


def last_check() -> ContentCheck | None:
    return ContentCheck.objects.filter(pk=1).first()
