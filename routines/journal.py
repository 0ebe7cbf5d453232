"""Which public resources each routines change touches (see footcare.content.journal)."""

from typing import Any

from django.db.models import Q

from footcare.content.journal import (
    Change,
    add_dependents,
    on_m2m_change,
    slugs_by_pk,
    track,
    track_part,
    upserted,
)
from routines.models import (
    Audience,
    Benefit,
    Contraindication,
    PressureLevel,
    Routine,
    SafetyScreen,
    Step,
    Technique,
    Tool,
)
from zones.models import Area, Source, Zone


def _published(routines: Any) -> list[str]:
    return list(routines.published().values_list("slug", flat=True))


def _showing(item: Contraindication) -> list[str]:
    """The published routines that list a contraindication (see RoutineDetailSerializer)."""
    if item.applies_to_every_routine:
        return _published(Routine.objects.all())
    return _published(
        Routine.objects.filter(
            Q(contraindications=item)
            | Q(steps__zones__contraindications=item)
            | Q(steps__technique__contraindications=item)
        ).distinct()
    )


SAFETY = upserted("safety", ["safety"])


def _in_safety_screen(contraindications: Any) -> list[Change]:
    """The safety screen lists the general contraindications, with their zones and sources."""
    return SAFETY if contraindications.filter(applies_to_every_routine=True).exists() else []


def _routine_changes(routine_pks: Any, benefit_pks: Any = ()) -> list[Change]:
    published = Routine.objects.published().filter(pk__in=routine_pks)
    if not published.exists():
        return []
    return upserted("routine", published.values_list("slug", flat=True)) + upserted(
        "benefit", slugs_by_pk(Benefit, benefit_pks)
    )


def _step_changes(step: Step) -> list[Change]:
    routine = Routine.objects.published().filter(pk=step.routine_id).first()
    return upserted("routine", [routine.slug]) if routine else []


def connect() -> None:
    track(Benefit, "benefit")
    track(Technique, "technique")
    track(Contraindication, "contraindication")
    track(Routine, "routine", visible=lambda routine: routine.is_published)

    # Resources that embed a summary of another: keep them in step with it.
    add_dependents(
        Routine,
        lambda routine: upserted("benefit", routine.benefits.values_list("slug", flat=True)),
    )
    add_dependents(Benefit, lambda benefit: upserted("routine", _published(benefit.routines)))
    add_dependents(
        Contraindication,
        lambda item: (
            upserted("routine", _showing(item)) + (SAFETY if item.applies_to_every_routine else [])
        ),
    )
    add_dependents(
        Technique,
        lambda technique: (
            upserted(
                "routine", _published(Routine.objects.filter(steps__technique=technique).distinct())
            )
            + _in_safety_screen(technique.contraindications)
        ),
    )
    add_dependents(
        Zone,
        lambda zone: (
            upserted("routine", _published(Routine.objects.filter(steps__zones=zone).distinct()))
            + upserted("benefit", zone.benefits.values_list("slug", flat=True))
            + upserted("contraindication", zone.contraindications.values_list("slug", flat=True))
            + _in_safety_screen(zone.contraindications)
        ),
    )
    track(SafetyScreen, "safety", key=lambda screen: "safety")
    track_part(PressureLevel, lambda level: SAFETY)
    track_part(Tool, lambda tool: upserted("routine", _published(tool.routines)))
    track_part(Step, _step_changes)
    track_part(
        Area,
        lambda area: upserted(
            "routine", _published(Routine.objects.filter(steps__area=area).distinct())
        ),
    )
    track_part(
        Audience,
        lambda audience: (
            upserted("benefit", audience.benefits.values_list("slug", flat=True))
            + upserted("routine", _published(audience.routines))
        ),
    )
    track_part(
        Source,
        lambda source: (
            upserted("benefit", source.benefits.values_list("slug", flat=True))
            + upserted("contraindication", source.contraindications.values_list("slug", flat=True))
            + _in_safety_screen(source.contraindications)
        ),
    )

    on_m2m_change(Routine.benefits, _routine_changes)
    on_m2m_change(Routine.audiences, lambda routines, _: _routine_changes(routines))
    on_m2m_change(Routine.contraindications, lambda routines, _: _routine_changes(routines))
    on_m2m_change(Routine.tools, lambda routines, _: _routine_changes(routines))
    on_m2m_change(
        Step.zones,
        lambda steps, _: _routine_changes(Step.objects.filter(pk__in=steps).values("routine")),
    )
    for relation in (Benefit.audiences, Benefit.sources, Benefit.zones):
        on_m2m_change(
            relation, lambda benefits, _: upserted("benefit", slugs_by_pk(Benefit, benefits))
        )
    on_m2m_change(
        Contraindication.sources,
        lambda items, _: (
            upserted("contraindication", slugs_by_pk(Contraindication, items))
            + _in_safety_screen(Contraindication.objects.filter(pk__in=items))
        ),
    )
    # A step keeps to the limits of the zones its zones overlap; the zone pages list them.
    on_m2m_change(
        Zone.overlaps,
        lambda zones, others: (
            upserted("zone", slugs_by_pk(Zone, {*zones, *others}))
            + upserted(
                "routine",
                _published(Routine.objects.filter(steps__zones__in={*zones, *others}).distinct()),
            )
        ),
    )
    # A routine lists the contraindications of the zones and techniques its steps use.
    on_m2m_change(
        Contraindication.zones,
        lambda items, zones: (
            upserted("contraindication", slugs_by_pk(Contraindication, items))
            + upserted("routine", _published(Routine.objects.filter(steps__zones__in=zones)))
            + _in_safety_screen(Contraindication.objects.filter(pk__in=items))
        ),
    )
    on_m2m_change(
        Contraindication.techniques,
        lambda items, techniques: (
            upserted("contraindication", slugs_by_pk(Contraindication, items))
            + upserted(
                "routine", _published(Routine.objects.filter(steps__technique__in=techniques))
            )
            + _in_safety_screen(Contraindication.objects.filter(pk__in=items))
        ),
    )
