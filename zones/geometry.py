"""Pure geometry of the foot map: validation and mirroring of normalised polygons.

Coordinates are normalised to 0..1 with the origin at the top left, drawn on the canonical
outline of the RIGHT foot. The left foot is the right one's mirror image.
"""

from collections.abc import Sequence

from django.utils.translation import gettext

Point = tuple[float, float]
Polygon = list[list[float]]


def mirror_polygons(polygons: Sequence[Polygon]) -> list[Polygon]:
    """The same shapes on the other foot: x becomes 1 - x."""
    return [[[round(1 - x, 6), y] for x, y in polygon] for polygon in polygons]


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _on_segment(p: Point, q: Point, r: Point) -> bool:
    return min(p[0], r[0]) <= q[0] <= max(p[0], r[0]) and min(p[1], r[1]) <= q[1] <= max(p[1], r[1])


def segments_intersect(p1: Point, p2: Point, p3: Point, p4: Point) -> bool:
    """True when segment p1-p2 touches or crosses segment p3-p4."""
    d1, d2 = _cross(p3, p4, p1), _cross(p3, p4, p2)
    d3, d4 = _cross(p1, p2, p3), _cross(p1, p2, p4)
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True  # a proper crossing
    return (
        (d1 == 0 and _on_segment(p3, p1, p4))
        or (d2 == 0 and _on_segment(p3, p2, p4))
        or (d3 == 0 and _on_segment(p1, p3, p2))
        or (d4 == 0 and _on_segment(p1, p4, p2))
    )


def is_self_intersecting(points: Sequence[Point]) -> bool:
    """True when two edges of the closed polygon that are not neighbours meet."""
    count = len(points)
    edges = [(points[i], points[(i + 1) % count]) for i in range(count)]
    for i in range(count):
        for j in range(i + 1, count):
            if j == i + 1 or (i == 0 and j == count - 1):
                continue  # neighbouring edges share a corner by construction
            if segments_intersect(*edges[i], *edges[j]):
                return True
    return False


def _as_point(raw: object) -> Point | None:
    if (
        isinstance(raw, list | tuple)
        and len(raw) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in raw)
    ):
        return (float(raw[0]), float(raw[1]))
    return None


def polyline_problems(points: object, *, minimum: int, label: str) -> list[str]:
    """Why ``points`` is not a list of at least ``minimum`` [x, y] pairs within 0..1.

    ``label`` names the line or polygon ("Polygon 2"), already translated.
    """
    if not isinstance(points, list):
        return [gettext("%(label)s must be a list of [x, y] points.") % {"label": label}]
    if len(points) < minimum:
        return [
            gettext("%(label)s has %(count)d point(s); it needs at least %(minimum)d.")
            % {"label": label, "count": len(points), "minimum": minimum}
        ]
    problems = []
    for index, raw in enumerate(points, start=1):
        point = _as_point(raw)
        if point is None:
            problems.append(
                gettext("%(label)s, point %(index)d: %(value)s is not a pair of numbers [x, y].")
                % {"label": label, "index": index, "value": repr(raw)}
            )
        elif not (0 <= point[0] <= 1 and 0 <= point[1] <= 1):
            problems.append(
                gettext(
                    "%(label)s, point %(index)d: [%(x)s, %(y)s] is outside the map; "
                    "both coordinates must be between 0 and 1."
                )
                % {"label": label, "index": index, "x": f"{point[0]:g}", "y": f"{point[1]:g}"}
            )
    return problems


def polygon_problems(points: object, *, label: str | None = None) -> list[str]:
    """Why ``points`` is not a valid simple polygon, in words an editor can act on."""
    label = label or gettext("Polygon")
    problems = polyline_problems(points, minimum=3, label=label)
    if problems or not isinstance(points, list):
        return problems
    vertices = [(float(x), float(y)) for x, y in points]
    if len(set(vertices)) < len(vertices):
        return [
            gettext("%(label)s repeats a point; each corner must be listed once.")
            % {"label": label}
        ]
    if is_self_intersecting(vertices):
        return [
            gettext("%(label)s crosses itself; list its corners in order around the edge.")
            % {"label": label}
        ]
    return []


def polygons_problems(polygons: object) -> list[str]:
    """Validate a list of polygons (a zone may have several patches on one view)."""
    if not isinstance(polygons, list) or not polygons:
        return [gettext("Give at least one polygon: a list of [x, y] points.")]
    problems: list[str] = []
    for index, polygon in enumerate(polygons, start=1):
        label = (
            gettext("Polygon")
            if len(polygons) == 1
            else gettext("Polygon %(number)d") % {"number": index}
        )
        problems.extend(polygon_problems(polygon, label=label))
    return problems
