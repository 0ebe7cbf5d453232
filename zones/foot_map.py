"""The foot map of one foot and view, read once and shared by the API and the admin preview."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.http import Http404

from zones.geometry import mirror_polygons
from zones.models import Foot, FootOutline, Landmark, Pressure, Zone, ZoneShape


@dataclass
class MapZone:
    zone: Zone
    polygons: list[Any]


@dataclass
class FootMap:
    foot: str
    view: str
    aspect_ratio: float
    outline: list[Any]
    landmarks: list[tuple[Landmark, list[Any]]] = field(default_factory=list)
    zones: list[MapZone] = field(default_factory=list)


def build_foot_map(*, foot: str, view: str) -> FootMap:
    """Outline, landmark lines and every zone of ``foot`` (left or right) on ``view``.

    Three queries whatever the number of zones. Shapes are stored for the right foot; the
    left foot gets their mirror image.
    """
    outline = FootOutline.objects.filter(view=view).first()
    if outline is None:
        raise Http404(f"No foot outline has been drawn for the {view} view yet.")
    mirrored = foot == Foot.LEFT

    def place(polygons: list[Any]) -> list[Any]:
        return mirror_polygons(polygons) if mirrored else polygons

    landmarks = [
        (landmark, place([landmark.points])[0]) for landmark in Landmark.objects.filter(view=view)
    ]
    shapes = (
        ZoneShape.objects.filter(view=view)
        .filter(Q(zone__foot=foot) | Q(zone__foot=Foot.BOTH))
        .select_related("zone")
        .order_by("zone__position", "zone__slug")
    )
    return FootMap(
        foot=foot,
        view=view,
        aspect_ratio=outline.aspect_ratio,
        outline=place([outline.points])[0],
        landmarks=landmarks,
        zones=[MapZone(shape.zone, place(shape.polygons)) for shape in shapes],
    )


def pressure(value: int) -> dict[str, Any]:
    """A pressure as the API shows it: ``{"value": 2, "label": "light"}``."""
    return {"value": value, "label": Pressure(value).key}


def foot_map_data(foot_map: FootMap, highlight: frozenset[str] = frozenset()) -> dict[str, Any]:
    """``foot_map`` as the API sends it (and the SVG drawing reads it), zones in ``highlight``
    marked. Here rather than in the serializer: the admin's preview draws the same data and
    may not import the API."""
    return {
        "foot": foot_map.foot,
        "view": foot_map.view,
        "aspect_ratio": foot_map.aspect_ratio,
        "outline": foot_map.outline,
        "landmarks": [
            {"slug": landmark.slug, "name": landmark.name, "points": points}
            for landmark, points in foot_map.landmarks
        ],
        "zones": [
            {
                "id": str(item.zone.uuid),
                "slug": item.zone.slug,
                "name": item.zone.name,
                "sensitivity": item.zone.sensitivity,
                "recommended_pressure": pressure(item.zone.recommended_pressure),
                "max_pressure": pressure(item.zone.max_pressure),
                "polygons": item.polygons,
                "highlighted": item.zone.slug in highlight,
            }
            for item in foot_map.zones
        ],
    }
