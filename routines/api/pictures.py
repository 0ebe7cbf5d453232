"""A routine's picture: the editors' own, or the foot map drawn with where the routine works.

The drawing shows the foot's outline and landmark lines and only the zones and areas the
routine's steps work, so it changes when the routine or one of those changes, never when
another zone does (``routines/content/journal.py`` then upserts the routine, whose ``image``
names the new address).

Its address names the language and a fingerprint of everything it draws,
``/routines/<slug>/map.<language>.<fingerprint>.svg``: the bytes at an address never change,
so it is cached for a year like ``/pictures/``, and each language has its own. An address
whose routine was renamed or redrawn since redirects to the current one (``RoutineMapView``).
"""

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from footcare.api.language import language_of
from footcare.api.pictures import image
from footcare.content.pictures import SVG_TYPE
from routines.models import Routine, Step
from zones.foot_map import Backdrop, FootMap, backdrops, draw_foot_map, place
from zones.models import Foot, View

MAP_SIDE = 1000  # the drawn map's frame, square, in user units
FINGERPRINT_LENGTH = 16  # hex digits of SHA-256: 64 bits, ample for one routine's versions
# What a step's drawing reads: prefetch it as ``steps`` on the routines (routines.querysets).
DRAWN_STEP_ROWS = ("zones__shapes", "area__shapes")


def drawn_steps() -> Any:
    """The steps of a routine with what its drawing reads (a ``Prefetch`` queryset)."""
    return Step.objects.select_related("area").prefetch_related(*DRAWN_STEP_ROWS)


def language() -> str:
    """The active language as the addresses name it (``en``, ``ru``)."""
    return language_of(translation.get_language() or "") or settings.LANGUAGE_CODE


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

    def url(self) -> str:
        """The drawing's address in the active language."""
        return reverse(
            "v1:routine-map",
            args=[self.routine.slug, language(), self.fingerprint()],
        )

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


def backdrops_of(context: dict[str, Any]) -> dict[str, Backdrop]:
    """The views' backdrops, read once per answer: a list or a sync draws many routines."""
    if "backdrops" not in context:
        context["backdrops"] = backdrops()
    found: dict[str, Backdrop] = context["backdrops"]
    return found


def routine_image(routine: Routine, context: dict[str, Any]) -> dict[str, Any]:
    """What the API says of a routine's picture (``ImageSerializer``), in the active language."""
    if routine.picture is not None:
        return image(routine.picture, routine.image_alt or routine.title)
    url = routine_map(routine, backdrops_of(context)).url()
    return {
        "url": url,
        "width": MAP_SIDE,
        "height": MAP_SIDE,
        "content_type": SVG_TYPE,
        "alt": _("The foot map with the zones that “%(title)s” works highlighted.")
        % {"title": routine.title},
        "thumbnail": {"url": url, "width": MAP_SIDE, "height": MAP_SIDE},
    }


def map_urls(routines: Iterable[Routine], languages: Iterable[str]) -> dict[str, list[str]]:
    """Each routine's drawing address in each language, by slug (for the published tree).

    Every routine has one, its editors' picture or not: the address keeps answering.
    """
    context: dict[str, Any] = {}
    urls: dict[str, list[str]] = {}
    for routine in routines:
        for language in languages:
            with translation.override(language):
                urls.setdefault(routine.slug, []).append(
                    routine_map(routine, backdrops_of(context)).url()
                )
    return urls
