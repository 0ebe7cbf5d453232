"""Which public resources each foot-map change touches (see footcare.content.journal)."""

from footcare.content import journal
from zones import models


def _its_body_parts(zone: models.Zone) -> list[journal.Change]:
    # A body part's page lists its zones with their views and limits (a copy: the lean sync
    # keeps the link on the zone's side only).
    return journal.refreshed("body_part", zone.body_parts.values_list("slug", flat=True))


def connect() -> None:
    journal.track(models.Zone, "zone")
    journal.track(models.BodyPart, "body_part")
    journal.track(models.FootOutline, "foot_map", key=lambda outline: outline.view)
    journal.track(models.Source, "source")
    journal.track(models.Area, "area")
    journal.add_dependents(models.Zone, _its_body_parts, resources=("body_part",))
    journal.add_dependents(
        models.BodyPart,
        lambda part: journal.refreshed("zone", part.zones.values_list("slug", flat=True)),
        resources=("zone",),
    )
    journal.track_part(
        models.ZoneShape,
        lambda shape: journal.upserted("zone", [shape.zone.slug]) + _its_body_parts(shape.zone),
        resources=("zone", "body_part"),
    )
    # An area's shapes are part of the area (the lean sync's `areas` carry them); the foot
    # maps and routine pictures that draw it follow through their `shows`.
    journal.track_part(
        models.AreaShape,
        lambda shape: journal.upserted("area", [shape.area.slug]),
        resources=("area",),
    )
    journal.track_part(
        models.Landmark,
        lambda landmark: journal.upserted("foot_map", [landmark.view]),
        resources=("foot_map",),
    )
    journal.add_dependents(
        models.Source,
        lambda source: journal.refreshed("zone", source.zones.values_list("slug", flat=True)),
        resources=("zone",),
    )
    journal.on_m2m_change(
        models.Zone.body_parts,
        lambda zones, parts: (
            journal.upserted("zone", journal.slugs_by_pk(models.Zone, zones))
            + journal.refreshed("body_part", journal.slugs_by_pk(models.BodyPart, parts))
        ),
        resources=("zone", "body_part"),
    )
    journal.on_m2m_change(
        models.Zone.sources,
        lambda zones, _sources: journal.upserted("zone", journal.slugs_by_pk(models.Zone, zones)),
        resources=("zone",),
    )
