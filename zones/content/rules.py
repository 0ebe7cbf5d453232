"""Rules the foot map and its references keep (see footcare.content.rules).

The map must agree with the text: every zone inside its foot's outline, zones not piled on
one another unless the content says charts draw them so, organs that lie to one side of the
body larger on that side's foot, and each zone in the band of the sole its region names.
"""

from collections.abc import Iterable, Iterator
from itertools import combinations
from typing import Any

from django.conf import settings
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from footcare.content.rules import Rule, Violation
from zones.models import (
    Area,
    AreaShape,
    BodyPart,
    FootOutline,
    Landmark,
    Region,
    Source,
    View,
    Zone,
    ZoneShape,
)

MAX_OUTSIDE = 0.01  # of a zone's area, outside its foot's outline
MAX_OVERLAP = 0.05  # of the smaller zone's area, unless marked as a traditional overlap

# Body parts that lie to one side of the body, and the foot whose zones for them are larger
# (the mirror rule: the right foot maps the right half of the body).
LARGER_ON = {
    "stomach": "left",
    "heart": "left",
    "spleen": "left",
    "descending-colon": "left",
    "sigmoid-colon": "left",
    "liver": "right",
    "gallbladder": "right",
    "ileocecal-valve": "right",
    "appendix": "right",
    "ascending-colon": "right",
}


def _shape(polygons: Iterable[Iterable[Iterable[float]]]) -> BaseGeometry:
    return unary_union([Polygon(polygon).buffer(0) for polygon in polygons])


def _shapes() -> list[ZoneShape]:
    return list(ZoneShape.objects.select_related("zone").prefetch_related("zone__overlaps"))


def _outlines() -> dict[str, BaseGeometry]:
    return {outline.view: _shape([outline.points]) for outline in FootOutline.objects.all()}


def _outside_the_outline(
    drawn: Iterable[tuple[str, str, Any]], what: str, *, outline_required: bool
) -> Iterator[Violation]:
    """Shapes (where, view, polygons) with more than ``MAX_OUTSIDE`` of them off the foot;
    with ``outline_required``, also those on a view that has no outline to draw them on."""
    outlines = _outlines()
    for where, view, polygons in drawn:
        outline = outlines.get(view)
        if outline is None:
            if outline_required:
                yield Violation(
                    "map: inside outline", where, f"this view has no outline to draw the {what} on."
                )
            continue
        shape = _shape(polygons)
        if shape.is_empty:
            continue
        outside = shape.difference(outline).area / shape.area
        if outside > MAX_OUTSIDE:
            yield Violation(
                "map: inside outline",
                where,
                f"{outside:.0%} of the {what} lies outside the foot (at most "
                f"{MAX_OUTSIDE:.0%}). Move its corners inside the outline.",
            )


def zones_inside_outline() -> Iterator[Violation]:
    shapes = ((f"zone {s.zone.slug}, {s.view} view", s.view, s.polygons) for s in _shapes())
    return _outside_the_outline(shapes, "zone", outline_required=False)


def areas_inside_outline() -> Iterator[Violation]:
    """An area is drawn like a zone: within its view's outline, on a view that has one."""
    shapes = (
        (f"area {s.area.slug}, {s.view} view", s.view, s.polygons)
        for s in AreaShape.objects.select_related("area")
    )
    return _outside_the_outline(shapes, "area", outline_required=True)


def areas_drawn() -> Iterator[Violation]:
    """Every area has a shape on some view: a step that names only an area can be shown."""
    for area in Area.objects.filter(shapes__isnull=True):
        yield Violation(
            "map: area drawn",
            f"area {area.slug}",
            "has no shape on any view, so a step that works it cannot be shown on the map. "
            "Draw its polygons on the views where it can be seen.",
        )


def _share_a_foot(first: Zone, second: Zone) -> bool:
    return "both" in (first.foot, second.foot) or first.foot == second.foot


def zones_apart() -> Iterator[Violation]:
    by_view: dict[str, list[tuple[ZoneShape, BaseGeometry]]] = {}
    for shape in _shapes():
        by_view.setdefault(shape.view, []).append((shape, _shape(shape.polygons)))
    for view, shapes in by_view.items():
        for (first, first_area), (second, second_area) in combinations(shapes, 2):
            if not _share_a_foot(first.zone, second.zone):
                continue
            if second.zone in first.zone.overlaps.all():
                continue
            smaller = min(first_area.area, second_area.area)
            shared = first_area.intersection(second_area).area / smaller if smaller else 0
            if shared > MAX_OVERLAP:
                yield Violation(
                    "map: zones apart",
                    f"zones {first.zone.slug} and {second.zone.slug}, {view} view",
                    f"they overlap by {shared:.0%} of the smaller (at most {MAX_OVERLAP:.0%}). "
                    "Redraw them, or mark the overlap as traditional if charts draw it so.",
                )


def sides_of_the_body() -> Iterator[Violation]:
    plantar = (
        ZoneShape.objects.filter(view=View.PLANTAR)
        .select_related("zone")
        .prefetch_related("zone__body_parts")
    )
    area: dict[tuple[str, str], float] = {}
    for shape in plantar:
        size = _shape(shape.polygons).area
        for part in shape.zone.body_parts.all():
            for foot in ("left", "right"):
                if part.slug in LARGER_ON and shape.zone.on_foot(foot):
                    area[part.slug, foot] = area.get((part.slug, foot), 0.0) + size
    present = set(BodyPart.objects.filter(slug__in=LARGER_ON).values_list("slug", flat=True))
    for part, larger in LARGER_ON.items():
        other = "right" if larger == "left" else "left"
        if part not in present:
            continue
        if area.get((part, larger), 0.0) <= area.get((part, other), 0.0):
            yield Violation(
                "map: sides of the body",
                f"body part {part}",
                f"lies mostly on the {larger} side of the body, so its zones on the {larger} "
                f"sole must be larger than on the {other} (they are "
                f"{area.get((part, larger), 0):.4f} and {area.get((part, other), 0):.4f}).",
            )


def _line_height(slug: str) -> float | None:
    line = Landmark.objects.filter(slug=slug, view=View.PLANTAR).first()
    return sum(y for _x, y in line.points) / len(line.points) if line else None


def zones_in_their_region() -> Iterator[Violation]:
    """On the sole, toes and ball lie above the diaphragm line, the arch between it and the
    heel line, the heel below that."""
    diaphragm, heel = _line_height("diaphragm-line"), _line_height("heel-line")
    if diaphragm is None or heel is None:
        return
    bands = {
        Region.TOES: (0.0, diaphragm),
        Region.BALL: (0.0, diaphragm + 0.02),
        Region.ARCH: (diaphragm - 0.02, heel + 0.02),
        Region.HEEL: (heel - 0.02, 1.0),
    }
    for shape in ZoneShape.objects.filter(view=View.PLANTAR).select_related("zone"):
        band = bands.get(Region(shape.zone.region))
        if band is None:
            continue
        centre = _shape(shape.polygons).centroid.y
        if not band[0] <= centre <= band[1]:
            yield Violation(
                "map: region",
                f"zone {shape.zone.slug}, plantar view",
                f"its region is “{shape.zone.get_region_display()}” but its centre is at "
                f"{centre:.2f} of the sole's height, outside {band[0]:.2f}–{band[1]:.2f}.",
            )


def _undated_page(source: Source) -> bool:
    return bool(source.url) and not (source.doi or source.isbn) and "n.d." in source.citation


def sources_can_be_followed() -> Iterator[Violation]:
    languages = [code for code, _name in settings.LANGUAGES]
    for source in Source.objects.all():
        missing = [
            label
            for label, present in (
                ("a URL, DOI or ISBN", source.url or source.doi or source.isbn),
                ("its exact title", source.title),
                ("an author or publisher", source.author or source.publisher),
                # An undated web page is cited "n.d." (no date), as citation styles do.
                ("a year (or n.d. for an undated web page)", source.year or _undated_page(source)),
                *(
                    (f"what it supports ({code})", getattr(source, f"supports_{code}"))
                    for code in languages
                ),
            )
            if not present
        ]
        if missing:
            yield Violation(
                "sources: locator", f"source {source.slug}", "missing " + ", ".join(missing)
            )


def body_parts_described() -> Iterator[Violation]:
    for part in BodyPart.objects.all():
        for code, _name in settings.LANGUAGES:
            if not (getattr(part, f"description_{code}") or "").strip():
                yield Violation(
                    "words: body part described",
                    f"body part {part.slug}",
                    f"has no description in {code}.",
                )


RULES: list[Rule] = [
    zones_inside_outline,
    areas_inside_outline,
    areas_drawn,
    zones_apart,
    sides_of_the_body,
    zones_in_their_region,
    sources_can_be_followed,
    body_parts_described,
]
