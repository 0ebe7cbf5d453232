"""The routines content pack: audiences, techniques, contraindications, benefits, routines."""

from typing import Any

from footcare.content.packs import PackLoader, by_slug, field_values, read_pack
from routines.models import (
    Audience,
    Benefit,
    Contraindication,
    Routine,
    Status,
    Step,
    Technique,
)
from zones.models import Area, Source, Zone

STEP_FIELDS = ["title", "instruction", "foot", "pressure", "repetitions", "tip", "narration"]


def load_pack() -> str:
    """Upsert the pack in ``routines/data/``; returns a one-line summary of what changed."""
    pack = read_pack("routines")
    loader = PackLoader()
    for position, item in enumerate(pack.get("audiences", []), start=1):
        values = field_values(Audience, item, ["name"]) | {"position": position}
        loader.upsert(Audience, {"slug": item["slug"]}, values)
    for position, item in enumerate(pack.get("techniques", []), start=1):
        values = field_values(Technique, item, ["name", "how_to"]) | {"position": position}
        loader.upsert(Technique, {"slug": item["slug"]}, values)
    for position, item in enumerate(pack.get("contraindications", []), start=1):
        values = field_values(Contraindication, item, ["name", "severity", "description"])
        contraindication = loader.upsert(
            Contraindication, {"slug": item["slug"]}, values | {"position": position}
        )
        _link(loader, contraindication, item, zones=True, sources=True)
    for position, item in enumerate(pack.get("benefits", []), start=1):
        fields = ["title", "summary", "body", "evidence_level", "evidence_note"]
        values = field_values(Benefit, item, fields) | {"position": position}
        benefit = loader.upsert(Benefit, {"slug": item["slug"]}, values)
        _link(loader, benefit, item, zones=True, sources=True)
        where = f"benefit {item['slug']}"
        loader.set_related(benefit, "audiences", by_slug(Audience, item["audiences"], where=where))
    for item in pack.get("routines", []):
        _load_routine(loader, item)
    return loader.summary()


def _link(loader: PackLoader, row: Any, item: dict, *, zones: bool, sources: bool) -> None:
    where = f"{type(row).__name__} {item['slug']}"
    if zones:
        loader.set_related(row, "zones", by_slug(Zone, item.get("zones", []), where=where))
    if sources:
        loader.set_related(row, "sources", by_slug(Source, item.get("sources", []), where=where))


def _load_routine(loader: PackLoader, item: dict) -> None:
    fields = ["title", "summary", "introduction", "difficulty", "safety_notes"]
    routine = loader.upsert(Routine, {"slug": item["slug"]}, field_values(Routine, item, fields))
    where = f"routine {item['slug']}"
    loader.set_related(routine, "benefits", by_slug(Benefit, item["benefits"], where=where))
    loader.set_related(routine, "audiences", by_slug(Audience, item["audiences"], where=where))
    loader.set_related(
        routine,
        "contraindications",
        by_slug(Contraindication, item["contraindications"], where=where),
    )
    techniques = {technique.slug: technique for technique in Technique.objects.all()}
    for position, step_item in enumerate(item["steps"], start=1):
        step_where = f"{where}, step {position}"
        values = field_values(Step, step_item, STEP_FIELDS) | {
            "technique": techniques[step_item["technique"]],
            "duration_seconds": step_item["seconds"],
            "area": by_slug(Area, [step_item["area"]], where=step_where)[0]
            if step_item.get("area")
            else None,
        }
        step = loader.upsert(Step, {"routine": routine, "position": position}, values)
        zones = by_slug(Zone, step_item.get("zones", []), where=step_where)
        step.check_safety(zones)
        loader.set_related(step, "zones", zones)
    extra = routine.steps.filter(position__gt=len(item["steps"]))
    if extra.exists():
        extra.delete()
    if item.get("status") == Status.PUBLISHED and not routine.is_published:
        routine.publish()
        loader.counts["routines published"] += 1
    elif item.get("status", Status.DRAFT) == Status.DRAFT and routine.is_published:
        routine.withdraw()
        loader.counts["routines withdrawn"] += 1
