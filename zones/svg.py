"""Draw the foot map as SVG on the server, for the API and for the admin's preview."""

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

HEIGHT = 1000  # user units; the width follows the outline's aspect ratio

SENSITIVITY_FILL = {"low": "#8fbf7f", "medium": "#f0c05a", "high": "#e0735e"}
HIGHLIGHT_FILL = "#3a6fd8"


def _path(polygons: Sequence[Sequence[Sequence[float]]], width: float, *, closed: bool) -> str:
    parts = []
    for polygon in polygons:
        corners = " L ".join(f"{x * width:.1f} {y * HEIGHT:.1f}" for x, y in polygon)
        parts.append(f"M {corners}" + (" Z" if closed else ""))
    return " ".join(parts)


def render_foot_map(foot_map: dict[str, Any], *, title: str, highlight: str | None = None) -> str:
    """An SVG document of a foot map as the API serialises it.

    The outline, the landmark lines, then exactly one ``<path>`` per zone (several polygons
    become subpaths of it), coloured by sensitivity. With ``highlight`` set to a zone's slug,
    that zone is drawn strongly and the others faintly: the admin's preview of one zone.
    """
    width = round(HEIGHT * foot_map["aspect_ratio"], 1)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {HEIGHT}" '
        f'width="{width * 0.4:.0f}" height="{HEIGHT * 0.4:.0f}" role="img">',
        f"<title>{escape(title)}</title>",
        f'<path class="outline" d="{_path([foot_map["outline"]], width, closed=True)}" '
        'fill="#fbefe6" stroke="#6b4f3f" stroke-width="4"/>',
    ]
    for landmark in foot_map["landmarks"]:
        out.append(
            f'<path class="landmark" d="{_path([landmark["points"]], width, closed=False)}" '
            'fill="none" stroke="#6b4f3f" stroke-width="2" stroke-dasharray="8 6">'
            f"<title>{escape(landmark['name'])}</title></path>"
        )
    for zone in foot_map["zones"]:
        fill, opacity = SENSITIVITY_FILL.get(zone["sensitivity"], "#cccccc"), "0.55"
        if highlight is not None:
            fill, opacity = (HIGHLIGHT_FILL, "0.85") if zone["slug"] == highlight else (fill, "0.2")
        out.append(
            f'<path class="zone" id={quoteattr("zone-" + zone["slug"])} '
            f'd="{_path(zone["polygons"], width, closed=True)}" fill="{fill}" '
            f'fill-opacity="{opacity}" stroke="#333333" stroke-width="1.5">'
            f"<title>{escape(zone['name'])}</title></path>"
        )
    out.append("</svg>")
    return "\n".join(out)
