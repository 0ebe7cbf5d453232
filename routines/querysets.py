"""What the API and the sync read of the routines.

Each item with the rows its answer shows, prefetched: one query per table, whatever the count.
"""

from typing import Any, cast

from django.db.models import Prefetch, QuerySet

from footcare.content.pictures import with_picture
from routines.drawing import DRAWN_STEP_ROWS, drawn_steps
from routines.models import (
    Benefit,
    Contraindication,
    Routine,
    RoutineQuerySet,
    Step,
    Technique,
)


def benefit_queryset() -> QuerySet[Benefit]:
    return Benefit.objects.prefetch_related(
        "audiences",
        "sources",
        "zones",
        # Through Any: django-stubs' generic Prefetch types this call differently on cold and
        # warm mypy caches, so no ignore comment stays right in both.
        cast(Any, Prefetch)(
            "routines", queryset=Routine.objects.published(), to_attr="published_routines"
        ),
    )


def technique_queryset() -> QuerySet[Technique]:
    return with_picture(Technique.objects.all())


def contraindication_queryset() -> QuerySet[Contraindication]:
    return Contraindication.objects.prefetch_related("zones", "sources", "techniques")


def with_drawings(routines: QuerySet[Routine]) -> QuerySet[Routine]:
    """``routines`` with what their drawings read (``routines.drawing``)."""
    return routines.prefetch_related(Prefetch("steps", queryset=drawn_steps()))


def routine_list_queryset() -> QuerySet[Routine]:
    """The list's routines: totals, related slugs, and what a drawn picture reads."""
    return with_drawings(
        with_picture(Routine.objects.published().select_related("approval"))
        .with_totals()
        .with_slugs()
    )


def routine_detail_queryset(routines: RoutineQuerySet | None = None) -> QuerySet[Routine]:
    """Everything the detail shows, for the published routines (or ``routines``)."""
    if routines is None:
        routines = Routine.objects.published()
    steps = Step.objects.select_related("technique", "area").prefetch_related(
        "zones__contraindications", "technique__contraindications", *DRAWN_STEP_ROWS
    )
    return (
        with_picture(routines.select_related("approval"))
        .with_totals()
        .prefetch_related(
            "audiences",
            "tools",
            "contraindications",
            "benefits",
            Prefetch("steps", queryset=steps),
        )
    )
