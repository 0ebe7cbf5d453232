"""What a routine's content is, apart from what makes it that routine: the fields a draft of
changes carries over (routines.drafts) and the digest a reviewer's approval names (one exact
version, the same for a draft and for the routine it is published over)."""

import hashlib
from typing import TYPE_CHECKING, Any

import orjson
from django.conf import settings
from django.db.models import Model

if TYPE_CHECKING:
    from django.db.models import Field

# What makes a routine that routine, kept when a draft is published over it; every other
# column is content.
ROUTINE_IDENTITY = {
    "id",
    "uuid",
    "slug",
    "status",
    "published_at",
    "draft_of",
    "approval",
    "updated_at",
    # When it goes live or out, not what readers get: a schedule needs no new approval.
    "publish_at",
    "withdraw_at",
    "scheduled_by",
}
ROUTINE_LINKS = ["benefits", "audiences", "tools", "contraindications"]
STEP_IDENTITY = {"id", "uuid", "routine", "original", "updated_at"}
# The safety screen's: its row (live or draft) and the approval it was published with.
SCREEN_IDENTITY = {"id", "is_draft", "approval", "updated_at"}


def content_fields(model: type[Model], identity: set[str]) -> list["Field[Any, Any]"]:
    """Every column of ``model`` but its identity."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in identity and not field.primary_key
    ]


def edited_fields(model: type[Model], identity: set[str]) -> list["Field[Any, Any]"]:
    """The content fields an editor edits: each language's column of a translated text
    (``title_en``, ``title_ru``), not the column modeltranslation mirrors them into."""
    names = {field.name for field in model._meta.concrete_fields}
    return [
        field
        for field in content_fields(model, identity)
        if f"{field.name}_{settings.LANGUAGE_CODE}" not in names
    ]


def _values(item: Model, identity: set[str]) -> dict[str, Any]:
    return {
        field.attname: getattr(item, field.attname) for field in edited_fields(type(item), identity)
    }


def version(routine: Model) -> str:
    """The SHA-256 of what readers would get of ``routine``: its fields, links and steps,
    without ids, slug or status, so a draft of changes and the routine after publishing it
    have the same version. Reads the steps, their zones and the links through ``.all()``, so
    a caller that prefetched them (the dashboard, for every draft) pays no query."""
    steps = routine.steps.all()  # type: ignore[attr-defined]
    if "steps" not in getattr(routine, "_prefetched_objects_cache", {}):
        steps = steps.prefetch_related("zones")  # two queries, not one per step
    steps = sorted(steps, key=lambda step: (step.position, step.pk))
    form = {
        "fields": _values(routine, ROUTINE_IDENTITY),
        "links": {
            name: sorted(item.pk for item in getattr(routine, name).all()) for name in ROUTINE_LINKS
        },
        "steps": [
            _values(step, STEP_IDENTITY) | {"zones": sorted(zone.pk for zone in step.zones.all())}
            for step in steps
        ],
    }
    return hashlib.sha256(orjson.dumps(form, default=str, option=orjson.OPT_SORT_KEYS)).hexdigest()


def screen_version(screen: Model) -> str:
    """The SHA-256 of the safety screen's texts in every language: the version a reviewer
    approves, the same for its draft and for the screen after the draft is published."""
    form = _values(screen, SCREEN_IDENTITY)
    return hashlib.sha256(orjson.dumps(form, default=str, option=orjson.OPT_SORT_KEYS)).hexdigest()
