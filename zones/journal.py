"""Which public resources each foot-map change touches (see footcare.content.journal)."""

from footcare.content.journal import (
    Change,
    add_dependents,
    on_m2m_change,
    slugs_by_pk,
    track,
    track_part,
    upserted,
)
from zones.models import BodyPart, FootOutline, Landmark, Source, Zone, ZoneShape


def _its_body_parts(zone: Zone) -> list[Change]:
    # A body part's page lists its zones with their views and limits.
    return upserted("body_part", zone.body_parts.values_list("slug", flat=True))


def connect() -> None:
    track(Zone, "zone")
    track(BodyPart, "body_part")
    track(FootOutline, "foot_map", key=lambda outline: outline.view)
    add_dependents(Zone, _its_body_parts)
    add_dependents(
        BodyPart, lambda part: upserted("zone", part.zones.values_list("slug", flat=True))
    )
    track_part(
        ZoneShape, lambda shape: upserted("zone", [shape.zone.slug]) + _its_body_parts(shape.zone)
    )
    track_part(Landmark, lambda landmark: upserted("foot_map", [landmark.view]))
    track_part(Source, lambda source: upserted("zone", source.zones.values_list("slug", flat=True)))
    on_m2m_change(
        Zone.body_parts,
        lambda zones, parts: (
            upserted("zone", slugs_by_pk(Zone, zones))
            + upserted("body_part", slugs_by_pk(BodyPart, parts))
        ),
    )
    on_m2m_change(Zone.sources, lambda zones, _sources: upserted("zone", slugs_by_pk(Zone, zones)))
