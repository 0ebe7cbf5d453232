"""The foot map of one foot and view: read once, turned into plain values, drawn as SVG.

One pipeline for the API's map (JSON or SVG), a routine's drawn picture and the admin's
preview: ``build_foot_map`` reads it (a routine's picture reads its own zones and ``place``s
them on a view's ``Backdrop``), ``FootMap.as_data`` gives the values the API serves,
``draw_foot_map`` draws them.
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.utils import translation

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
            "zones": [zone_data(item.zone, item.polygons, highlight) for item in self.zones],
            "areas": [area_data(item.area, item.polygons, highlight) for item in self.areas],
        }


def zone_data(zone: Zone, polygons: list[Any], highlight: Collection[str]) -> dict[str, Any]:
    """A zone as a map shows it, in the active language."""
    return {
        "id": str(zone.uuid),
        "slug": zone.slug,
        "name": zone.name,
        "sensitivity": zone.sensitivity,
        "recommended_pressure": pressure(zone.recommended_pressure),
        "max_pressure": pressure(zone.max_pressure),
        "polygons": polygons,
        "highlighted": zone.slug in highlight,
    }


def area_data(area: Area, polygons: list[Any], highlight: Collection[str]) -> dict[str, Any]:
    """An area as a map shows it, in the active language."""
    return {
        "id": str(area.uuid),
        "slug": area.slug,
        "name": area.name,
        "max_pressure": pressure(area.max_pressure),
        "polygons": polygons,
        "highlighted": area.slug in highlight,
    }


def drawn(item: Zone | Area) -> list[Any]:
    """What a map draws of a zone or an area besides its shapes, in every language, and what
    places it (its order; a zone's foot): a write that changes none of it redraws nothing."""
    shown: list[Any] = [item.position, getattr(item, "foot", None)]
    data = zone_data if isinstance(item, Zone) else area_data
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            shown.append(data(item, [], ()))  # type: ignore[arg-type]
    return shown


@dataclass(frozen=True)
class Backdrop:
    """What every map of a view draws under its zones: the outline and the landmark lines,
    as stored (for the right foot)."""

    outline: FootOutline
    landmarks: list[Landmark]


def backdrops(views: Collection[str] | None = None) -> dict[str, Backdrop]:
    """The backdrop of each view that has an outline (of ``views``, else of all): two queries."""
    outlines = FootOutline.objects.all()
    landmarks = Landmark.objects.all()
    if views is not None:
        outlines, landmarks = outlines.filter(view__in=views), landmarks.filter(view__in=views)
    lines: dict[str, list[Landmark]] = {}
    for landmark in landmarks:
        lines.setdefault(landmark.view, []).append(landmark)
    return {outline.view: Backdrop(outline, lines.get(outline.view, [])) for outline in outlines}


def place(
    backdrop: Backdrop,
    *,
    foot: str,
    zones: Iterable[tuple[Zone, list[Any]]] = (),
    areas: Iterable[tuple[Area, list[Any]]] = (),
) -> FootMap:
    """A map of ``foot`` on the backdrop's view with these zones and areas (each with its
    stored polygons). Shapes are stored for the right foot; the left foot gets their mirror
    image."""
    mirrored = foot == Foot.LEFT

    def placed(polygons: list[Any]) -> list[Any]:
        return mirror_polygons(polygons) if mirrored else polygons

    return FootMap(
        foot=foot,
        view=backdrop.outline.view,
        aspect_ratio=backdrop.outline.aspect_ratio,
        outline=placed([backdrop.outline.points])[0],
        landmarks=[(landmark, placed([landmark.points])[0]) for landmark in backdrop.landmarks],
        zones=[MapZone(zone, placed(polygons)) for zone, polygons in zones],
        areas=[MapArea(area, placed(polygons)) for area, polygons in areas],
    )


def build_foot_map(*, foot: str, view: str) -> FootMap:
    """Outline, landmark lines and every zone and area of ``foot`` (left or right) on ``view``.

    Four queries whatever the number of zones and areas.
    """
    backdrop = backdrops([view]).get(view)
    if backdrop is None:
        raise Http404(f"No foot outline has been drawn for the {view} view yet.")
    shapes = (
        ZoneShape.objects.filter(view=view)
        .filter(Q(zone__foot=foot) | Q(zone__foot=Foot.BOTH))
        .select_related("zone")
        .order_by("zone__position", "zone__slug")
    )
    areas = (
        AreaShape.objects.filter(view=view)
        .select_related("area")
        .order_by("area__position", "area__slug")
    )
    return place(
        backdrop,
        foot=foot,
        zones=[(shape.zone, shape.polygons) for shape in shapes],
        areas=[(shape.area, shape.polygons) for shape in areas],
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
