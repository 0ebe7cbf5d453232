"""Which public resources each foot-map change touches (see footcare.content.journal)."""

from footcare.content.journal import (
    Change,
    add_dependents,
    on_m2m_change,
    refreshed,
    slugs_by_pk,
    track,
    track_part,
    upserted,
)
from zones.models import Area, BodyPart, FootOutline, Landmark, Source, Zone, ZoneShape


def _its_body_parts(zone: Zone) -> list[Change]:
    # A body part's page lists its zones with their views and limits (a copy: the lean sync
    # keeps the link on the zone's side only).
    return refreshed("body_part", zone.body_parts.values_list("slug", flat=True))


def connect() -> None:
    track(Zone, "zone")
    track(BodyPart, "body_part")
    track(FootOutline, "foot_map", key=lambda outline: outline.view)
    track(Source, "source")
    track(Area, "area")
    add_dependents(Zone, _its_body_parts, resources=("body_part",))
    add_dependents(
        BodyPart,
        lambda part: refreshed("zone", part.zones.values_list("slug", flat=True)),
        resources=("zone",),
    )
    track_part(
        ZoneShape,
        lambda shape: upserted("zone", [shape.zone.slug]) + _its_body_parts(shape.zone),
        resources=("zone", "body_part"),
    )
    track_part(
        Landmark, lambda landmark: upserted("foot_map", [landmark.view]), resources=("foot_map",)
    )
    add_dependents(
        Source,
        lambda source: refreshed("zone", source.zones.values_list("slug", flat=True)),
        resources=("zone",),
    )
    on_m2m_change(
        Zone.body_parts,
        lambda zones, parts: (
            upserted("zone", slugs_by_pk(Zone, zones))
            + refreshed("body_part", slugs_by_pk(BodyPart, parts))
        ),
        resources=("zone", "body_part"),
    )
    on_m2m_change(
        Zone.sources,
        lambda zones, _sources: upserted("zone", slugs_by_pk(Zone, zones)),
        resources=("zone",),
    )
