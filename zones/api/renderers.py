"""The foot map's SVG answer, drawn from the same values as its JSON."""

from typing import Any

from footcare.api.rendering import SVGRenderer
from zones.foot_map import draw_foot_map


class FootMapSVGRenderer(SVGRenderer):
    """Draws a serialised foot map as an SVG picture, its ``highlighted`` zones strongly and
    its ``highlighted`` areas under them."""

    def svg(self, data: Any) -> str:
        highlight = {
            item["slug"] for item in [*data["zones"], *data.get("areas", [])] if item["highlighted"]
        }
        return draw_foot_map(data, highlight=highlight)
