from collections.abc import Mapping
from typing import Any

from rest_framework.renderers import BaseRenderer

from zones.svg import map_texts, render_foot_map


class FootMapSVGRenderer(BaseRenderer):
    """Renders a serialised foot map as an SVG picture."""

    media_type = "image/svg+xml"
    format = "svg"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        highlight = {zone["slug"] for zone in data["zones"] if zone["highlighted"]}
        texts = map_texts(data["foot"], data["view"])
        return render_foot_map(data, **texts, highlight=highlight).encode()
