"""A routine's picture: the editors' own, or the foot map with the zones it works highlighted.

The drawn map lives at the routine's own address (``/routines/<slug>/map.svg``) and always
has the same frame, so what the API says of it (address, size, description) depends on the
routine alone: an edit of a zone changes the drawing, never the routine's data.
"""

from collections import Counter
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from footcare.api.pictures import image
from footcare.content.pictures import SVG_TYPE
from routines.models import Routine
from zones.foot_map import build_foot_map, draw_foot_map
from zones.models import Foot, View

MAP_SIDE = 1000  # the drawn map's frame, square, in user units


def routine_image(routine: Routine) -> dict[str, Any]:
    """What the API says of a routine's picture (``ImageSerializer``)."""
    if routine.picture is not None:
        return image(routine.picture, routine.image_alt or routine.title)
    url = reverse("v1:routine-map", args=[routine.slug])
    return {
        "url": url,
        "width": MAP_SIDE,
        "height": MAP_SIDE,
        "content_type": SVG_TYPE,
        "alt": _("The foot map with the zones that “%(title)s” works highlighted.")
        % {"title": routine.title},
        "thumbnail": {"url": url, "width": MAP_SIDE, "height": MAP_SIDE},
    }


def render_routine_map(routine: Routine) -> str:
    """The foot and view where most of the routine's zones are, with those zones highlighted.

    A step that names no zones but an area (the whole sole, the ankle) shows that area,
    drawn under the zones. The right foot unless every step is on the left one; the sole
    unless another view shows more of the zones and areas. Framed in a fixed square whatever
    the outline's proportions.
    """
    steps = list(
        routine.steps.select_related("area").prefetch_related("zones__shapes", "area__shapes")
    )
    zones = {zone for step in steps for zone in step.zones.all()}
    areas = {step.area for step in steps if step.area is not None and not step.zones.all()}
    feet = {step.foot for step in steps}
    foot = Foot.LEFT if feet == {Foot.LEFT} else Foot.RIGHT
    views = Counter(shape.view for zone in zones for shape in zone.shapes.all())
    views.update(shape.view for area in areas for shape in area.shapes.all())
    view = max(View.values, key=lambda name: (views[name], name == View.PLANTAR))
    inner = draw_foot_map(
        build_foot_map(foot=foot, view=view).as_data(),
        highlight={zone.slug for zone in zones} | {area.slug for area in areas},
        retitle=lambda title: (
            _("Where “%(title)s” works: %(map)s") % {"title": routine.title, "map": title}
        ),
    )
    # The map's own viewBox scales it into the square; the outer size never changes.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_SIDE} {MAP_SIDE}" '
        f'width="{MAP_SIDE}" height="{MAP_SIDE}">'
        + inner.replace("<svg ", f'<svg width="{MAP_SIDE}" height="{MAP_SIDE}" ', 1)
        + "</svg>"
    )
