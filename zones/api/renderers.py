"""The foot map's SVG answer, drawn from the same values as its JSON."""

from typing import Any

from footcare.api.rendering import SVGRenderer
from zones.foot_map import draw_foot_map


class FootMapSVGRenderer(SVGRenderer):
    """Draws a serialised foot map as an SVG picture, its ``highlighted`` zones strongly."""

    def svg(self, data: Any) -> str:
        highlight = {zone["slug"] for zone in data["zones"] if zone["highlighted"]}
        return draw_foot_map(data, highlight=highlight)
