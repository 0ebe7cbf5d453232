"""The zones content pack: sources, foot outlines, landmark lines, body parts and zones."""

from footcare.content.packs import PackLoader, by_slug, field_values, read_pack
from zones.models import Area, BodyPart, FootOutline, Landmark, Source, Zone, ZoneShape

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


def load_pack() -> str:
    """Upsert the pack in ``zones/data/``; returns a one-line summary of what changed."""
    pack = read_pack("zones")
    loader = PackLoader()
    for item in pack.get("sources", []):
        loader.upsert(
            Source, {"slug": item["slug"]}, field_values(Source, item, ["citation", "url"])
        )
    for item in pack.get("outlines", []):
        loader.upsert(
            FootOutline,
            {"view": item["view"]},
            field_values(FootOutline, item, ["points", "aspect_ratio"]),
        )
    for item in pack.get("landmarks", []):
        loader.upsert(
            Landmark,
            {"slug": item["slug"]},
            field_values(Landmark, item, ["name", "description", "view", "points"]),
        )
    for position, item in enumerate(pack.get("areas", []), start=1):
        values = field_values(Area, item, ["name", "description", "max_pressure"])
        loader.upsert(Area, {"slug": item["slug"]}, values | {"position": position})
    for item in pack.get("body_parts", []):
        loader.upsert(
            BodyPart,
            {"slug": item["slug"]},
            field_values(BodyPart, item, ["name", "description", "system"]),
        )
    for position, item in enumerate(pack.get("zones", []), start=1):
        _load_zone(loader, item, position)
    return loader.summary()


def _load_zone(loader: PackLoader, item: dict, position: int) -> None:
    recommended, maximum = item["pressure"]
    values = field_values(Zone, item, ZONE_FIELDS) | {
        "longitudinal_zones": "".join(str(n) for n in sorted(item.get("longitudinal_zones", []))),
        "recommended_pressure": recommended,
        "max_pressure": maximum,
        "position": position,
    }
    zone = loader.upsert(Zone, {"slug": item["slug"]}, values)
    where = f"zone {item['slug']}"
    loader.set_related(zone, "body_parts", by_slug(BodyPart, item["body_parts"], where=where))
    loader.set_related(zone, "sources", by_slug(Source, item["sources"], where=where))
    for view, polygons in item["shapes"].items():
        loader.upsert(ZoneShape, {"zone": zone, "view": view}, {"polygons": polygons})
    stale = zone.shapes.exclude(view__in=list(item["shapes"]))
    if stale.exists():
        stale.delete()
