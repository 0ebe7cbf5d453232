"""Which public resources each foot-map change touches (see footcare.journal)."""

from typing import Any

from footcare.journal import Change, add_dependents, on_m2m_change, track, track_part, upserted
from zones.models import BodyPart, FootOutline, Landmark, Source, Zone, ZoneShape


def _zone_slugs(pks: Any) -> list[str]:
    return list(Zone.objects.filter(pk__in=pks).values_list("slug", flat=True))


def _body_part_slugs(pks: Any) -> list[str]:
    return list(BodyPart.objects.filter(pk__in=pks).values_list("slug", flat=True))


def _zone_and_its_body_parts(zone: Zone) -> list[Change]:
    # A body part's page lists its zones with their views and limits.
    return upserted("zone", [zone.slug]) + upserted(
        "body_part", zone.body_parts.values_list("slug", flat=True)
    )


def connect() -> None:
    track(Zone, "zone")
    track(BodyPart, "body_part")
    track(FootOutline, "foot_map", key=lambda outline: outline.view)
    add_dependents(
        Zone, lambda zone: upserted("body_part", zone.body_parts.values_list("slug", flat=True))
    )
    add_dependents(
        BodyPart, lambda part: upserted("zone", part.zones.values_list("slug", flat=True))
    )
    track_part(ZoneShape, lambda shape: _zone_and_its_body_parts(shape.zone))
    track_part(Landmark, lambda landmark: upserted("foot_map", [landmark.view]))
    track_part(Source, lambda source: upserted("zone", source.zones.values_list("slug", flat=True)))
    on_m2m_change(
        Zone.body_parts,
        lambda zones, parts: (
            upserted("zone", _zone_slugs(zones)) + upserted("body_part", _body_part_slugs(parts))
        ),
    )
    on_m2m_change(Zone.sources, lambda zones, _sources: upserted("zone", _zone_slugs(zones)))
