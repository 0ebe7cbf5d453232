"""A routine's picture in API answers: the editors' own, or its drawing
(``routines/drawing.py``).

The drawing's address names the language and the drawing's fingerprint,
``/routines/<slug>/map.<language>.<fingerprint>.svg``: the bytes at an address never change,
so it is cached for a year like ``/pictures/``, and each language has its own. An address
whose routine was renamed or redrawn since redirects to the current one (``RoutineMapView``).
"""

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from footcare.api.pictures import image
from footcare.content.pictures import SVG_TYPE
from routines.drawing import MAP_SIDE, RoutineMap, language, routine_map
from routines.models import Routine
from zones.foot_map import Backdrop, backdrops


def drawing_url(drawing: RoutineMap) -> str:
    """The drawing's address in the active language."""
    return reverse("v1:routine-map", args=[drawing.routine.slug, language(), drawing.fingerprint()])


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
    url = drawing_url(routine_map(routine, backdrops_of(context)))
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
        for code in languages:
            with translation.override(code):
                urls.setdefault(routine.slug, []).append(
                    drawing_url(routine_map(routine, backdrops_of(context)))
                )
    return urls
