"""The routines content pack: audiences, techniques, contraindications, benefits, routines.

Loading and export sit side by side so that the pack's format is defined once: every field
``export_pack`` writes, ``load_pack`` reads back. A routine's steps and links are part of the
routine: written with it, or not at all.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Model

from footcare.content.fingerprints import PackItemKind
from footcare.content.packs import (
    PackLoader,
    by_slug,
    field_values,
    fields_form,
    item_values,
    labelled,
    pack_items,
    read_pack,
    slugs,
)
from footcare.content.pictures import store_picture
from routines import models
from zones.models import Area, Source, Zone

AUDIENCE_FIELDS = ["name"]
TOOL_FIELDS = ["name", "description"]
PRESSURE_LEVEL_FIELDS = ["feels_like"]
TECHNIQUE_FIELDS = ["name", "how_to", "image_alt"]
CONTRAINDICATION_FIELDS = ["name", "severity", "description", "applies_to_every_routine"]
BENEFIT_FIELDS = ["title", "summary", "body", "evidence_level", "evidence_note"]
# What a contraindication and a benefit link to, by slug, in the order a pack writes them.
CONTRAINDICATION_LINKS = ["zones", "techniques", "sources"]
BENEFIT_LINKS = ["audiences", "zones", "sources"]
ROUTINE_FIELDS = [
    "title",
    "summary",
    "introduction",
    "performer",
    "not_for",
    "difficulty",
    "safety_notes",
]
SHIPPED = Path(__file__).resolve().parent.parent / "data"
# Hands holding a foot: the picture of a technique whose pack brings no drawing of its own.
FALLBACK_DRAWING = SHIPPED / "images" / "techniques" / "holding.svg"


FALLBACK_ALT = {
    "en": "The foot rests still between two palms, one under the sole and one on top.",
    "ru": "Стопа спокойно лежит между двумя ладонями: одна под подошвой, другая сверху.",
}


def technique_drawing(folder: Path, slug: str) -> bytes | None:
    """The pack's drawing of a technique: ``images/techniques/<slug>.svg`` beside its YAML."""
    drawing = folder / "images" / "techniques" / f"{slug}.svg"
    return drawing.read_bytes() if drawing.is_file() else None


STEP_FIELDS = ["title", "instruction", "foot", "pressure", "repetitions", "tip", "narration"]


def load_pack(loader: PackLoader, folder: Path) -> None:
    """Load the routines pack in ``folder`` (the shipped one is ``routines/data/``)."""
    pack = read_pack(folder)
    for position, item in enumerate(pack.get("audiences", []), start=1):
        values = field_values(models.Audience, item, AUDIENCE_FIELDS) | {"position": position}
        loader.item(
            models.Audience, {"slug": item["slug"]}, values, label=f"audience {item['slug']}"
        )
    for position, item in enumerate(pack.get("tools", []), start=1):
        values = field_values(models.Tool, item, TOOL_FIELDS) | {"position": position}
        loader.item(models.Tool, {"slug": item["slug"]}, values, label=f"tool {item['slug']}")
    if "safety_screen" in pack:
        values = field_values(models.SafetyScreen, pack["safety_screen"], models.SafetyScreen.TEXTS)
        loader.item(models.SafetyScreen, {"pk": 1}, values, label="safety screen")
    for item in pack.get("pressure_scale", []):
        values = field_values(models.PressureLevel, item, PRESSURE_LEVEL_FIELDS)
        label = f"pressure level {item['level']}"
        loader.item(models.PressureLevel, {"level": item["level"]}, values, label=label)
    for position, item in enumerate(pack.get("techniques", []), start=1):
        drawing = technique_drawing(folder, item["slug"])
        if drawing is None:  # the fallback drawing comes with its description
            drawing, item = FALLBACK_DRAWING.read_bytes(), {"image_alt": FALLBACK_ALT, **item}
        values = field_values(models.Technique, item, TECHNIQUE_FIELDS) | {
            "position": position,
            "picture": store_picture(drawing),
        }
        loader.item(
            models.Technique, {"slug": item["slug"]}, values, label=f"technique {item['slug']}"
        )
    for position, item in enumerate(pack.get("contraindications", []), start=1):
        item = {"applies_to_every_routine": False, **item}
        values = field_values(models.Contraindication, item, CONTRAINDICATION_FIELDS)
        label = f"contraindication {item['slug']}"
        row = loader.item(
            models.Contraindication,
            {"slug": item["slug"]},
            values | {"position": position},
            label=label,
        )
        _link(loader, row, item, CONTRAINDICATION_LINKS, label=label)
    for position, item in enumerate(pack.get("benefits", []), start=1):
        values = field_values(models.Benefit, item, BENEFIT_FIELDS) | {"position": position}
        label = f"benefit {item['slug']}"
        benefit = loader.item(models.Benefit, {"slug": item["slug"]}, values, label=label)
        _link(loader, benefit, item, BENEFIT_LINKS, label=label)
    for item in pack.get("routines", []):
        _load_routine(loader, item)


RELATED: dict[str, type[Model]] = {
    "zones": Zone,
    "techniques": models.Technique,
    "sources": Source,
    "audiences": models.Audience,
    "benefits": models.Benefit,
    "contraindications": models.Contraindication,
    "tools": models.Tool,
}


def _link(
    loader: PackLoader, row: Any, item: dict[str, Any], names: list[str], *, label: str
) -> None:
    if row is None or not loader.writes(row):
        return
    for name in names:
        related = by_slug(RELATED[name], item.get(name, []), where=label)
        loader.links(row, name, related, label=label)


def _load_routine(loader: PackLoader, item: dict[str, Any]) -> None:
    label = f"routine {item['slug']}"
    values = field_values(models.Routine, item, ROUTINE_FIELDS)
    routine = loader.item(models.Routine, {"slug": item["slug"]}, values, label=label)
    if routine is None or not loader.writes(routine):
        return
    links = ["benefits", "audiences", "tools", "contraindications"]
    _link(loader, routine, item, links, label=label)
    techniques = {technique.slug: technique for technique in models.Technique.objects.all()}
    for position, step_item in enumerate(item["steps"], start=1):
        step_label = f"{label}: step {position}"
        area = step_item.get("area")
        values = field_values(models.Step, step_item, STEP_FIELDS) | {
            "technique": techniques[step_item["technique"]],
            "duration_seconds": step_item["seconds"],
            "area": by_slug(Area, [area], where=step_label)[0] if area else None,
        }
        step = loader.part(
            models.Step, {"routine": routine, "position": position}, values, label=step_label
        )
        zones = by_slug(Zone, step_item.get("zones", []), where=step_label)
        with labelled(step_label):
            step.check_safety(zones)
        loader.links(step, "zones", zones, label=step_label)
    loader.removed(routine.steps.filter(position__gt=len(item["steps"])), label=label)
    routine.forget_stale_approval()
    wanted = item.get("status", models.Status.DRAFT)
    if wanted != routine.status:
        if wanted == models.Status.PUBLISHED and awaits_review(routine):
            # Readers get a routine a reviewer approved: the pack's waits as a draft.
            loader.changes.append(f"{label}: waits for a reviewer's approval")
            loader.counts["routines waiting for a reviewer"] += 1
            return
        loader.changes.append(f"{label}: status: {routine.status} -> {wanted}")
        if wanted == models.Status.PUBLISHED:
            routine.publish()
            loader.counts["routines published"] += 1
        else:
            routine.withdraw()
            loader.counts["routines withdrawn"] += 1


def awaits_review(routine: models.Routine) -> bool:
    """Whether publishing ``routine`` as it is now waits for a reviewer's approval."""
    return settings.REVIEW_REQUIRED and models.Approval.of(routine) is None


def _in_order(model: type[Model]) -> Any:
    return model._default_manager.order_by("position", "slug")


def export_pack() -> dict[str, dict[str, Any]]:
    """Every routines row as pack files, in the format ``load_pack`` reads. Drafts included."""
    return {
        "01_catalogue.yaml": {
            "audiences": pack_items(_in_order(models.Audience), AUDIENCE_FIELDS),
            "tools": pack_items(_in_order(models.Tool), TOOL_FIELDS),
            "techniques": pack_items(_in_order(models.Technique), TECHNIQUE_FIELDS),
            "contraindications": pack_items(
                _in_order(models.Contraindication),
                CONTRAINDICATION_FIELDS,
                links=CONTRAINDICATION_LINKS,
            ),
            "benefits": pack_items(_in_order(models.Benefit), BENEFIT_FIELDS, links=BENEFIT_LINKS),
        },
        "03_safety.yaml": _safety_items(),
        "02_routines.yaml": {
            "routines": [
                _routine_item(routine)
                for routine in models.Routine.objects.filter(draft_of__isnull=True).order_by("slug")
            ]
        },
    }


def _routine_item(routine: models.Routine) -> dict[str, Any]:
    return {
        "slug": routine.slug,
        "status": routine.status,
        **item_values(routine, ROUTINE_FIELDS),
        "benefits": sorted(slugs(routine.benefits.all())),
        "audiences": sorted(slugs(routine.audiences.all())),
        "tools": sorted(slugs(routine.tools.all())),
        "contraindications": sorted(slugs(routine.contraindications.all())),
        "steps": [_step_item(step) for step in routine.steps.order_by("position", "pk")],
    }


def _step_item(step: models.Step) -> dict[str, Any]:
    item = item_values(step, STEP_FIELDS)
    return {
        **item,
        "technique": step.technique.slug,
        "seconds": step.duration_seconds,
        **({"area": step.area.slug} if step.area else {}),
        **({"zones": sorted(slugs(step.zones.all()))} if step.zones.exists() else {}),
    }


def _safety_items() -> dict[str, Any]:
    screen = models.SafetyScreen.objects.filter(pk=1).first()
    return {
        **({"safety_screen": item_values(screen, models.SafetyScreen.TEXTS)} if screen else {}),
        "pressure_scale": [
            {"level": row.level, **item_values(row, PRESSURE_LEVEL_FIELDS)}
            for row in models.PressureLevel.objects.order_by("level")
        ],
    }


def _with_position(names: list[str]) -> Any:
    return lambda row: fields_form(row, [*names, "position"])


def _technique_form(technique: models.Technique) -> dict[str, Any]:
    picture = technique.picture.digest if technique.picture_id else None
    return {**fields_form(technique, [*TECHNIQUE_FIELDS, "position"]), "picture": picture}


def _linked_form(names: list[str], links: list[str]) -> Any:
    def form(row: Any) -> dict[str, Any]:
        linked = {name: sorted(slugs(getattr(row, name).all())) for name in links}
        return {**fields_form(row, [*names, "position"]), **linked}

    return form


def _routine_form(routine: models.Routine) -> dict[str, Any]:
    """A routine as the loader writes it: its fields, status, links and steps."""
    links = ["benefits", "audiences", "tools", "contraindications"]
    return {
        **fields_form(routine, ROUTINE_FIELDS),
        "status": routine.status,
        **{name: sorted(slugs(getattr(routine, name).all())) for name in links},
        "steps": [
            _step_form(step)
            for step in routine.steps.order_by("position", "pk")
            .select_related("technique", "area")
            .prefetch_related("zones")
        ],
    }


def _step_form(step: models.Step) -> dict[str, Any]:
    return {
        **fields_form(step, STEP_FIELDS),
        "technique": step.technique.slug,
        "seconds": step.duration_seconds,
        "area": step.area.slug if step.area else None,
        "zones": sorted(slugs(step.zones.all())),
    }


# Each top-level item of this pack, as the loader writes it: what fingerprints compare.
PACK_ITEMS = [
    PackItemKind(models.Audience, "slug", _with_position(AUDIENCE_FIELDS)),
    PackItemKind(models.Tool, "slug", _with_position(TOOL_FIELDS)),
    PackItemKind(
        models.SafetyScreen, "pk", lambda row: fields_form(row, models.SafetyScreen.TEXTS)
    ),
    PackItemKind(
        models.PressureLevel, "level", lambda row: fields_form(row, PRESSURE_LEVEL_FIELDS)
    ),
    PackItemKind(models.Technique, "slug", _technique_form),
    PackItemKind(
        models.Contraindication,
        "slug",
        _linked_form(CONTRAINDICATION_FIELDS, ["zones", "techniques", "sources"]),
    ),
    PackItemKind(
        models.Benefit, "slug", _linked_form(BENEFIT_FIELDS, ["zones", "sources", "audiences"])
    ),
    PackItemKind(models.Routine, "slug", _routine_form, parts={models.Step: "routine"}),
]
