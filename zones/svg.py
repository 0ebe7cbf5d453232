"""Draw the foot map as SVG on the server: for the API, the admin's preview and its thumbnails."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

from zones.models import FootSide, View

HEIGHT = 1000  # user units; the width follows the outline's aspect ratio

SENSITIVITY_FILL = {"low": "#8fbf7f", "medium": "#f0c05a", "high": "#e0735e"}
HIGHLIGHT_FILL = "#3a6fd8"
AREA_FILL = "#9fbdf5"  # a worked area: a lighter wash of the highlight, under the zones


def map_texts(foot: str, view: str) -> dict[str, str]:
    """The map's title, description and legend heading, in the active language."""
    names = {"foot": FootSide(foot).label, "view": View(view).label}
    return {
        "title": _("Foot map: %(foot)s, %(view)s") % names,
        "description": _(
            "Reflex zones of the %(foot)s seen from this side, each numbered and named in the "
            "legend. Charts traditionally link each zone to a part of the body; colours show "
            "how sensitive it is: green low, yellow medium, red high."
        )
        % {"foot": str(names["foot"]).lower()},
        "legend_title": _("Zones"),
    }


def _path(
    polygons: Sequence[Sequence[Sequence[float]]],
    width: float,
    *,
    closed: bool,
    height: float = HEIGHT,
) -> str:
    parts = []
    for polygon in polygons:
        corners = " L ".join(f"{x * width:.1f} {y * height:.1f}" for x, y in polygon)
        parts.append(f"M {corners}" + (" Z" if closed else ""))
    return " ".join(parts)


LEGEND_WIDTH = 560  # user units to the right of the foot, for the numbered legend
LINE = 26  # legend line height


def _centre(polygons: Sequence[Sequence[Sequence[float]]], width: float) -> tuple[float, float]:
    """Where to put a zone's number: the mean corner of its largest polygon."""
    largest = max(polygons, key=len)
    x = sum(point[0] for point in largest) / len(largest) * width
    y = sum(point[1] for point in largest) / len(largest) * HEIGHT
    return x, y


def render_foot_map(
    foot_map: dict[str, Any],
    *,
    title: str,
    description: str = "",
    legend_title: str = "",
    highlight: Collection[str] = (),
    editing: str | None = None,
    ids: str = "map",
) -> str:
    """An SVG document of a foot map as the API serialises it.

    Scales to any size (a ``viewBox``, no fixed width or height) and reads aloud: a
    ``<title>`` and ``<desc>`` for screen readers, each zone numbered on the drawing and
    named in a legend beside it. The outline, the landmark lines, then exactly one
    ``<path>`` per zone (several polygons become subpaths of it), coloured by sensitivity.
    With ``highlight`` naming zones (by slug), those are drawn strongly and the others
    faintly: where a step presses. An area named in ``highlight`` is drawn under the zones
    (after the outline, before the landmark lines) as a light wash with a dashed edge, named in
    the legend: where a step that works a whole area (the sole, the ankle) goes.

    ``editing`` names the zone an editor is drawing in the admin, by id (a slug may be
    half-edited): drawn strongly, the others faintly, its path marked ``data-editing`` for
    the admin's live preview script. Where it has no shape on this map yet (or is not saved
    yet), an empty path stands in for it, ready for the script to draw into. ``ids``
    prefixes the title and description ids, so that several maps can share one page.
    """
    width = round(HEIGHT * foot_map["aspect_ratio"], 1)
    zones = foot_map["zones"]
    height = max(HEIGHT, LINE * (len(zones) + len(foot_map.get("areas", [])) + 3))
    # How the live preview script scales the corners it reads, as _path does here.
    editing_marks = f' data-editing="true" data-width="{width}" data-height="{HEIGHT}"'
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width + LEGEND_WIDTH} {height}" '
        f'role="img" aria-labelledby={quoteattr(f"{ids}-title {ids}-desc")} '
        'font-family="sans-serif">',
        f"<title id={quoteattr(ids + '-title')}>{escape(title)}</title>",
        f"<desc id={quoteattr(ids + '-desc')}>{escape(description)}</desc>",
        f'<path class="outline" d="{_path([foot_map["outline"]], width, closed=True)}" '
        'fill="#fbefe6" stroke="#6b4f3f" stroke-width="4"/>',
    ]
    areas = [area for area in foot_map.get("areas", []) if area["slug"] in highlight]
    for area in areas:
        out.append(
            f'<path class="area" id={quoteattr("area-" + area["slug"])} '
            f'd="{_path(area["polygons"], width, closed=True)}" fill="{AREA_FILL}" '
            'fill-opacity="0.7" fill-rule="evenodd" stroke="#1d3f8a" stroke-width="3" '
            f'stroke-dasharray="12 6"><title>{escape(area["name"])}</title></path>'
        )
    for landmark in foot_map["landmarks"]:
        out.append(
            f'<path class="landmark" d="{_path([landmark["points"]], width, closed=False)}" '
            'fill="none" stroke="#6b4f3f" stroke-width="2" stroke-dasharray="8 6">'
            f"<title>{escape(landmark['name'])}</title></path>"
        )
    legend = [
        f'<g class="legend" transform="translate({width + 20} 0)">',
        f'<text x="0" y="{LINE}" font-size="22" font-weight="bold">{escape(legend_title)}</text>',
    ]
    for number, zone in enumerate(zones, start=1):
        fill, opacity = SENSITIVITY_FILL.get(zone["sensitivity"], "#cccccc"), "0.55"
        edited = editing is not None and zone["id"] == editing
        if highlight or editing is not None:
            strong = edited or zone["slug"] in highlight
            fill, opacity = (HIGHLIGHT_FILL, "0.85") if strong else (fill, "0.2")
        name = escape(zone["name"])
        x, y = _centre(zone["polygons"], width)
        marked = editing_marks if edited else ""
        out.append(
            f'<path class="zone" id={quoteattr("zone-" + zone["slug"])}{marked} '
            f'd="{_path(zone["polygons"], width, closed=True)}" fill="{fill}" '
            f'fill-opacity="{opacity}" stroke="#333333" stroke-width="1.5">'
            f"<title>{number}. {name}</title></path>"
            f'<text class="zone-number" x="{x:.1f}" y="{y:.1f}" font-size="18" '
            f'text-anchor="middle" dominant-baseline="central" aria-hidden="true">{number}</text>'
        )
        legend.append(
            f'<text x="0" y="{LINE * (number + 1)}" font-size="20">'
            f'<tspan font-weight="bold">{number}.</tspan> {name}</text>'
        )
    for line, area in enumerate(areas, start=len(zones) + 2):
        legend.append(
            f'<text class="area-name" x="0" y="{LINE * line}" font-size="20" '
            f'fill="#1d3f8a">▨ {escape(area["name"])}</text>'
        )
    if editing is not None and all(zone["id"] != editing for zone in zones):
        out.append(
            f'<path class="zone"{editing_marks} d="" fill="{HIGHLIGHT_FILL}" '
            'fill-opacity="0.85" stroke="#333333" stroke-width="1.5"/>'
        )
    out += [*legend, "</g>", "</svg>"]
    return "\n".join(out)


THUMBNAIL_HEIGHT = 100  # user units of a thumbnail; coarse on purpose, so each stays small


@dataclass(frozen=True)
class ThumbnailFrame:
    """The outline part of a zone's map thumbnail: drawn once per view and foot, then shared
    by every zone's thumbnail on a page (a list of zones draws many)."""

    width: float  # user units; the height is THUMBNAIL_HEIGHT
    outline_path: str


def thumbnail_frame(outline: Sequence[Sequence[float]], aspect_ratio: float) -> ThumbnailFrame:
    """The frame for thumbnails on one outline (already mirrored for the left foot)."""
    width = round(THUMBNAIL_HEIGHT * aspect_ratio, 1)
    path = _path([outline], width, closed=True, height=THUMBNAIL_HEIGHT)
    return ThumbnailFrame(width=width, outline_path=path)


def render_zone_thumbnail(
    frame: ThumbnailFrame,
    polygons: Sequence[Sequence[Sequence[float]]],
    *,
    title: str,
    size: int = 56,
) -> str:
    """A small SVG of the foot's outline with one zone's polygons filled: where it is.

    Fits a ``size`` pixel square whatever the view's shape. ``title`` (escaped here) names
    it for screen readers and as a tooltip.
    """
    zone_path = _path(polygons, frame.width, closed=True, height=THUMBNAIL_HEIGHT)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="zone-thumbnail" width="{size}" '
        f'height="{size}" viewBox="0 0 {frame.width} {THUMBNAIL_HEIGHT}" role="img">'
        f"<title>{escape(title)}</title>"
        f'<path d="{frame.outline_path}" fill="#fbefe6" stroke="#6b4f3f" stroke-width="1.5" '
        'vector-effect="non-scaling-stroke"/>'
        f'<path d="{zone_path}" fill="{HIGHLIGHT_FILL}" '
        'fill-opacity="0.9" stroke="#1d3f8a" stroke-width="1" vector-effect="non-scaling-stroke"/>'
        "</svg>"
    )
