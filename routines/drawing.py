"""A routine's drawing: the foot map with where the routine works, when its editors gave it
no picture of their own.

It shows the foot's outline and landmark lines and only the zones and areas the routine's
steps work, so it changes when the routine or one of those changes, never when another zone
does (``routines/content/journal.py`` then upserts the routine). Its fingerprint digests
everything it draws, in the active language: the API names the drawing by it
(``routines/api/pictures.py``), so that an address's bytes never change.
"""

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from routines.models import Routine, Step
from zones.foot_map import Backdrop, FootMap, draw_foot_map, place
from zones.models import Foot, View

MAP_SIDE = 1000  # the drawn map's frame, square, in user units
FINGERPRINT_LENGTH = 16  # hex digits of SHA-256: 64 bits, ample for one routine's versions
# What a step's drawing reads: prefetch it as ``steps`` on the routines (routines.querysets).
DRAWN_STEP_ROWS = ("zones__shapes", "area__shapes")


def drawn_steps() -> Any:
    """The steps of a routine with what its drawing reads (a ``Prefetch`` queryset)."""
    return Step.objects.select_related("area").prefetch_related(*DRAWN_STEP_ROWS)


def language() -> str:
    """The active language as addresses name it (``en``, ``ru``)."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


@dataclass(frozen=True)
class RoutineMap:
    """What a routine's drawing shows: its zones and areas on one foot and view (``None``
    when no view has an outline yet), under a title naming the routine."""

    routine: Routine
    map: FootMap | None

    def data(self) -> dict[str, Any]:
        """Everything the drawing shows, in the active language: what its fingerprint digests."""
        shown = self.map.as_data() if self.map is not None else None
        return {"title": self.routine.title, "map": shown}

    def fingerprint(self) -> str:
        data = orjson.dumps({"language": language(), **self.data()}, option=orjson.OPT_SORT_KEYS)
        return hashlib.sha256(data).hexdigest()[:FINGERPRINT_LENGTH]

    def svg(self) -> str | None:
        """The drawing, framed in a fixed square whatever the outline's proportions; None
        without an outline to draw on."""
        if self.map is None:
            return None
        inner = draw_foot_map(
            self.map.as_data(),
            highlight={item.zone.slug for item in self.map.zones}
            | {item.area.slug for item in self.map.areas},
            retitle=lambda title: (
                _("Where “%(title)s” works: %(map)s") % {"title": self.routine.title, "map": title}
            ),
        )
        # The map's own viewBox scales it into the square; the outer size never changes.
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_SIDE} {MAP_SIDE}" '
            f'width="{MAP_SIDE}" height="{MAP_SIDE}">'
            + inner.replace("<svg ", f'<svg width="{MAP_SIDE}" height="{MAP_SIDE}" ', 1)
            + "</svg>"
        )


def routine_map(routine: Routine, views: dict[str, Backdrop]) -> RoutineMap:
    """Where most of the routine's zones are, on one of ``views``, with those zones.

    A step that names no zones but an area (the whole sole, the ankle) shows that area, drawn
    under the zones. The right foot unless every step is on the left one; the sole unless
    another view shows more of the zones and areas. Reads only the prefetched steps
    (``drawn_steps``).
    """
    steps = list(routine.steps.all())
    zones = {zone for step in steps for zone in step.zones.all()}
    areas = {step.area for step in steps if step.area is not None and not step.zones.all()}
    foot = Foot.LEFT if {step.foot for step in steps} == {Foot.LEFT} else Foot.RIGHT
    counts = Counter(shape.view for zone in zones for shape in zone.shapes.all())
    counts.update(shape.view for area in areas for shape in area.shapes.all())
    drawable = [name for name in View.values if name in views]
    if not drawable:
        return RoutineMap(routine, None)
    view = max(drawable, key=lambda name: (counts[name], name == View.PLANTAR))
    drawn_zones = sorted(
        (zone for zone in zones if zone.foot in (foot, Foot.BOTH)),
        key=lambda zone: (zone.position, zone.slug),
    )
    return RoutineMap(
        routine,
        place(
            views[view],
            foot=foot,
            zones=_on(view, drawn_zones),
            areas=_on(view, sorted(areas, key=lambda area: (area.position, area.slug))),
        ),
    )


def _on(view: str, items: Iterable[Any]) -> list[tuple[Any, list[Any]]]:
    """Each item (a zone or an area) with its polygons on ``view``, if it has a shape there."""
    return [
        (item, shape.polygons)
        for item in items
        for shape in item.shapes.all()
        if shape.view == view
    ]
