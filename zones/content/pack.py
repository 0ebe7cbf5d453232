"""The zones content pack: sources, foot outlines, landmark lines, areas, body parts, zones.

Loading and export sit side by side so that the pack's format is defined once: every field
``export_pack`` writes, ``load_pack`` reads back.
"""

from pathlib import Path
from typing import Any

from footcare.content.fingerprints import PackItemKind
from footcare.content.packs import (
    PackLoader,
    by_slug,
    field_values,
    fields_form,
    item_values,
    pack_items,
    read_pack,
    slugs,
)
from zones.models import (
    Area,
    AreaShape,
    BodyPart,
    FootOutline,
    Landmark,
    Source,
    Zone,
    ZoneShape,
)

ZONE_FIELDS = [
    "name",
    "description",
    "foot",
    "region",
    "sensitivity",
    "skin",
    "technique_hints",
    "caution",
    "skin_signs",
    "tradition",
    "tradition_note",
]
SOURCE_FIELDS = [*Source.CITATION_FIELDS, "supports"]
OUTLINE_FIELDS = ["points", "aspect_ratio"]
LANDMARK_FIELDS = ["name", "description", "view", "points"]
AREA_FIELDS = ["name", "description", "max_pressure"]
BODY_PART_FIELDS = ["name", "description", "system"]


def load_pack(loader: PackLoader, folder: Path) -> None:
    """Load the zones pack in ``folder`` (the shipped one is ``zones/data/``)."""
    pack = read_pack(folder)
    for item in pack.get("sources", []):
        values = field_values(Source, item, SOURCE_FIELDS)
        loader.item(Source, {"slug": item["slug"]}, values, label=f"source {item['slug']}")
    for item in pack.get("outlines", []):
        values = field_values(FootOutline, item, OUTLINE_FIELDS)
        loader.item(FootOutline, {"view": item["view"]}, values, label=f"outline {item['view']}")
    for item in pack.get("landmarks", []):
        values = field_values(Landmark, item, LANDMARK_FIELDS)
        loader.item(Landmark, {"slug": item["slug"]}, values, label=f"landmark {item['slug']}")
    for position, item in enumerate(pack.get("areas", []), start=1):
        _load_area(loader, item, position)
    for item in pack.get("body_parts", []):
        values = field_values(BodyPart, item, BODY_PART_FIELDS)
        loader.item(BodyPart, {"slug": item["slug"]}, values, label=f"body part {item['slug']}")
    for position, item in enumerate(pack.get("zones", []), start=1):
        _load_zone(loader, item, position)
    # Overlaps name other zones, so they are linked once every zone exists.
    for item in pack.get("zones", []):
        zone = Zone.objects.filter(slug=item["slug"]).first()
        if zone is not None and loader.writes(zone):
            label = f"zone {item['slug']}"
            overlaps = by_slug(Zone, item.get("overlaps", []), where=label)
            loader.links(zone, "overlaps", overlaps, label=label)


def _load_area(loader: PackLoader, item: dict[str, Any], position: int) -> None:
    values = field_values(Area, item, AREA_FIELDS) | {"position": position}
    label = f"area {item['slug']}"
    area = loader.item(Area, {"slug": item["slug"]}, values, label=label)
    if area is None or not loader.writes(area):
        return
    shapes = item.get("shapes", {})
    for view, polygons in shapes.items():
        loader.part(
            AreaShape, {"area": area, "view": view}, {"polygons": polygons}, label=f"{label} {view}"
        )
    loader.removed(area.shapes.exclude(view__in=list(shapes)), label=label)


def _load_zone(loader: PackLoader, item: dict[str, Any], position: int) -> None:
    recommended, maximum = item["pressure"]
    values = field_values(Zone, item, ZONE_FIELDS) | {
        "longitudinal_zones": "".join(str(n) for n in sorted(item.get("longitudinal_zones", []))),
        "recommended_pressure": recommended,
        "max_pressure": maximum,
        "position": position,
    }
    label = f"zone {item['slug']}"
    zone = loader.item(Zone, {"slug": item["slug"]}, values, label=label)
    if zone is None or not loader.writes(zone):
        return
    loader.links(
        zone, "body_parts", by_slug(BodyPart, item["body_parts"], where=label), label=label
    )
    loader.links(zone, "sources", by_slug(Source, item["sources"], where=label), label=label)
    for view, polygons in item["shapes"].items():
        loader.part(
            ZoneShape, {"zone": zone, "view": view}, {"polygons": polygons}, label=f"{label} {view}"
        )
    loader.removed(zone.shapes.exclude(view__in=list(item["shapes"])), label=label)


def export_pack() -> dict[str, dict[str, Any]]:
    """Every zones row as pack files, in the format ``load_pack`` reads."""
    return {
        "01_map.yaml": {
            "sources": pack_items(Source.objects.order_by("slug"), SOURCE_FIELDS),
            "outlines": pack_items(
                FootOutline.objects.order_by("view"), OUTLINE_FIELDS, key="view"
            ),
            "landmarks": pack_items(Landmark.objects.order_by("view", "slug"), LANDMARK_FIELDS),
        },
        "02_body_parts.yaml": {
            "body_parts": pack_items(BodyPart.objects.order_by("slug"), BODY_PART_FIELDS)
        },
        "03_zones.yaml": {"zones": [_zone_item(zone) for zone in _zones()]},
        "04_areas.yaml": {"areas": [_area_item(area) for area in _areas()]},
    }


def _zones() -> Any:
    return Zone.objects.order_by("position", "slug").prefetch_related(
        "body_parts", "sources", "shapes"
    )


def _zone_item(zone: Zone) -> dict[str, Any]:
    return {
        "slug": zone.slug,
        **item_values(zone, ZONE_FIELDS),
        "longitudinal_zones": zone.longitudinal_zone_numbers,
        "pressure": [zone.recommended_pressure, zone.max_pressure],
        "body_parts": sorted(slugs(zone.body_parts.all())),
        "sources": sorted(slugs(zone.sources.all())),
        **({"overlaps": sorted(slugs(zone.overlaps.all()))} if zone.overlaps.exists() else {}),
        "shapes": {shape.view: shape.polygons for shape in sorted(zone.shapes.all(), key=_view)},
    }


def _view(shape: ZoneShape | AreaShape) -> str:
    return shape.view


def _areas() -> Any:
    return Area.objects.order_by("position", "slug").prefetch_related("shapes")


def _area_item(area: Area) -> dict[str, Any]:
    return {
        "slug": area.slug,
        **item_values(area, AREA_FIELDS),
        "shapes": {shape.view: shape.polygons for shape in sorted(area.shapes.all(), key=_view)},
    }


def _area_form(area: Area) -> dict[str, Any]:
    """An area as the loader writes it, shapes included (for fingerprints)."""
    return {
        **fields_form(area, [*AREA_FIELDS, "position"]),
        "shapes": {shape.view: shape.polygons for shape in area.shapes.all()},
    }


def _zone_form(zone: Zone) -> dict[str, Any]:
    """A zone as the loader writes it, shapes and links included (for fingerprints)."""
    return {
        **fields_form(zone, [*ZONE_FIELDS, "position"]),
        "longitudinal_zones": zone.longitudinal_zone_numbers,
        "pressure": [zone.recommended_pressure, zone.max_pressure],
        "body_parts": sorted(slugs(zone.body_parts.all())),
        "sources": sorted(slugs(zone.sources.all())),
        "overlaps": sorted(slugs(zone.overlaps.all())),
        "shapes": {shape.view: shape.polygons for shape in zone.shapes.all()},
    }


# Each top-level item of this pack, as the loader writes it: what fingerprints compare.
PACK_ITEMS = [
    PackItemKind(Source, "slug", lambda row: fields_form(row, SOURCE_FIELDS)),
    PackItemKind(FootOutline, "view", lambda row: fields_form(row, OUTLINE_FIELDS)),
    PackItemKind(Landmark, "slug", lambda row: fields_form(row, LANDMARK_FIELDS)),
    PackItemKind(Area, "slug", _area_form, parts={AreaShape: "area"}),
    PackItemKind(BodyPart, "slug", lambda row: fields_form(row, BODY_PART_FIELDS)),
    PackItemKind(Zone, "slug", _zone_form, parts={ZoneShape: "zone"}),
]
