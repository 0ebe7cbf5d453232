"""The foot map of one foot and view: read once, turned into plain values, drawn as SVG.

One pipeline for the API's map (JSON or SVG), a routine's drawn picture and the admin's
preview: ``build_foot_map`` reads it, ``FootMap.as_data`` gives the values the API serves,
``draw_foot_map`` draws them.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.http import Http404

from zones.geometry import mirror_polygons
from zones.models import Area, AreaShape, Foot, FootOutline, Landmark, Zone, ZoneShape, pressure
from zones.svg import map_texts, render_foot_map


@dataclass
class MapZone:
    zone: Zone
    polygons: list[Any]


@dataclass
class MapArea:
    area: Area
    polygons: list[Any]


@dataclass
class FootMap:
    foot: str
    view: str
    aspect_ratio: float
    outline: list[Any]
    landmarks: list[tuple[Landmark, list[Any]]] = field(default_factory=list)
    zones: list[MapZone] = field(default_factory=list)
    areas: list[MapArea] = field(default_factory=list)

    def as_data(self, highlight: Collection[str] = frozenset()) -> dict[str, Any]:
        """The map as plain values, as the API serves it; ``highlight`` names zones and areas
        by slug."""
        return {
            "foot": self.foot,
            "view": self.view,
            "aspect_ratio": self.aspect_ratio,
            "outline": self.outline,
            "landmarks": [
                {"slug": landmark.slug, "name": landmark.name, "points": points}
                for landmark, points in self.landmarks
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
                for item in self.zones
            ],
            "areas": [
                {
                    "id": str(item.area.uuid),
                    "slug": item.area.slug,
                    "name": item.area.name,
                    "max_pressure": pressure(item.area.max_pressure),
                    "polygons": item.polygons,
                    "highlighted": item.area.slug in highlight,
                }
                for item in self.areas
            ],
        }


def build_foot_map(*, foot: str, view: str) -> FootMap:
    """Outline, landmark lines and every zone of ``foot`` (left or right) on ``view``.

    Four queries whatever the number of zones and areas. Shapes are stored for the right foot; the
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
        areas=[
            MapArea(shape.area, place(shape.polygons))
            for shape in AreaShape.objects.filter(view=view)
            .select_related("area")
            .order_by("area__position", "area__slug")
        ],
    )


def draw_foot_map(
    data: dict[str, Any],
    *,
    highlight: Collection[str] = (),
    retitle: Callable[[str], str] | None = None,
    editing: str | None = None,
    ids: str = "map",
) -> str:
    """The SVG of a map's plain values (``FootMap.as_data``), its texts in the active language.

    ``retitle`` turns the map's own title into another (a routine's picture names the
    routine); ``editing`` and ``ids`` serve the admin's live preview (``render_foot_map``).
    """
    texts = map_texts(data["foot"], data["view"])
    if retitle is not None:
        texts["title"] = retitle(texts["title"])
    return render_foot_map(data, **texts, highlight=highlight, editing=editing, ids=ids)
