"""Which public resources each routines change touches (see footcare.content.journal)."""

from typing import Any

from footcare.content.journal import (
    Change,
    add_dependents,
    on_m2m_change,
    refreshed,
    slugs_by_pk,
    track,
    track_part,
    track_when,
    upserted,
)
from routines.models import (
    Approval,
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
from zones.foot_map import drawn
from zones.models import Area, AreaShape, FootOutline, Landmark, Source, Zone, ZoneShape


def _published(routines: Any) -> list[str]:
    return list(routines.published().values_list("slug", flat=True))


def _drawing(routines: Any) -> list[Change]:
    """The published ``routines`` with no picture of their own: they draw the zone, area or
    outline that changed, and their ``image`` address names what they draw, so their own
    content changed (routines.drawing)."""
    return upserted("routine", _published(routines.filter(picture__isnull=True).distinct()))


def _drawing_zone(zone: Zone) -> list[Change]:
    return _drawing(Routine.objects.filter(steps__zones=zone))


def _drawing_area(area: Area) -> list[Change]:
    return _drawing(Routine.objects.filter(steps__area=area))


def _showing(item: Contraindication) -> list[str]:
    """The published routines that list a contraindication (see RoutineDetailSerializer)."""
    return _published(Routine.objects.listing(item))


SAFETY = upserted("safety", ["safety"])
SAFETY_COPY = refreshed("safety", ["safety"])


def _in_safety_screen(contraindications: Any) -> list[Change]:
    """The safety screen shows the general contraindications, with their zones and sources
    (copies: the lean sync lists them by id)."""
    general = contraindications.filter(applies_to_every_routine=True).exists()
    return SAFETY_COPY if general else []


def _routine_changes(routine_pks: Any, benefit_pks: Any = ()) -> list[Change]:
    published = Routine.objects.published().filter(pk__in=routine_pks)
    if not published.exists():
        return []
    # A benefit lists its routines, a copy of the link the routine holds.
    return upserted("routine", published.values_list("slug", flat=True)) + refreshed(
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
    track(Tool, "tool")
    track(Audience, "audience")

    # Resources that embed a summary of another: keep them in step with it. They are copies
    # (``refreshed``); an item that starts or stops showing the changed one counts as changed
    # itself (``journal.track``), as a contraindication that becomes general does for routines.
    add_dependents(
        Routine,
        lambda routine: refreshed("benefit", routine.benefits.values_list("slug", flat=True)),
        resources=("benefit",),
    )
    add_dependents(
        Benefit,
        lambda benefit: refreshed("routine", _published(benefit.routines)),
        resources=("routine",),
    )
    add_dependents(
        Contraindication,
        lambda item: (
            refreshed("routine", _showing(item))
            + (SAFETY_COPY if item.applies_to_every_routine else [])
        ),
        resources=("routine", "safety"),
    )
    add_dependents(
        Technique,
        lambda technique: (
            refreshed(
                "routine", _published(Routine.objects.filter(steps__technique=technique).distinct())
            )
            # A contraindication lists the techniques not to use.
            + refreshed(
                "contraindication", technique.contraindications.values_list("slug", flat=True)
            )
            + _in_safety_screen(technique.contraindications)
        ),
        resources=("routine", "contraindication", "safety"),
    )
    add_dependents(
        Zone,
        lambda zone: (
            refreshed("routine", _published(Routine.objects.filter(steps__zones=zone).distinct()))
            + refreshed("benefit", zone.benefits.values_list("slug", flat=True))
            + refreshed("contraindication", zone.contraindications.values_list("slug", flat=True))
            + _in_safety_screen(zone.contraindications)
        ),
        resources=("routine", "benefit", "contraindication", "safety"),
    )
    add_dependents(
        Tool, lambda tool: refreshed("routine", _published(tool.routines)), resources=("routine",)
    )
    add_dependents(
        Area,
        lambda area: refreshed(
            "routine", _published(Routine.objects.filter(steps__area=area).distinct())
        ),
        resources=("routine",),
    )
    # A routine's drawing shows its zones and areas (their names, limits and shapes) on a
    # view's outline and landmark lines (routines.drawing): a change to what it draws
    # moves its picture's address. A zone's description, which it does not draw, moves nothing.
    track_when(Zone, drawn, _drawing_zone, resources=("routine",))
    track_when(Area, drawn, _drawing_area, resources=("routine",))
    track_part(ZoneShape, lambda shape: _drawing_zone(shape.zone), resources=("routine",))
    track_part(AreaShape, lambda shape: _drawing_area(shape.area), resources=("routine",))
    track_part(FootOutline, lambda outline: _drawing(Routine.objects), resources=("routine",))
    track_part(Landmark, lambda landmark: _drawing(Routine.objects), resources=("routine",))
    add_dependents(
        Audience,
        lambda audience: (
            refreshed("benefit", audience.benefits.values_list("slug", flat=True))
            + refreshed("routine", _published(audience.routines))
        ),
        resources=("benefit", "routine"),
    )
    add_dependents(
        Source,
        lambda source: (
            refreshed("benefit", source.benefits.values_list("slug", flat=True))
            + refreshed("contraindication", source.contraindications.values_list("slug", flat=True))
            + _in_safety_screen(source.contraindications)
        ),
        resources=("benefit", "contraindication", "safety"),
    )
    # Its draft of changes is not what readers have: invisible, like a routine's.
    track(SafetyScreen, "safety", key=lambda screen: "safety", visible=lambda s: not s.is_draft)
    track_part(PressureLevel, lambda level: SAFETY, resources=("safety",))
    track_part(Step, _step_changes, resources=("routine",))
    # A published routine shows who approved it (its ``review``).
    track_part(
        Approval,
        lambda approval: upserted("routine", _published(Routine.objects.filter(approval=approval))),
        resources=("routine",),
    )

    on_m2m_change(Routine.benefits, _routine_changes, resources=("routine", "benefit"))
    for routine_relation in (Routine.audiences, Routine.contraindications, Routine.tools):
        on_m2m_change(
            routine_relation,
            lambda routines, _: _routine_changes(routines),
            resources=("routine",),
        )
    on_m2m_change(
        Step.zones,
        lambda steps, _: _routine_changes(Step.objects.filter(pk__in=steps).values("routine")),
        resources=("routine",),
    )
    for relation in (Benefit.audiences, Benefit.sources, Benefit.zones):
        on_m2m_change(
            relation,
            lambda benefits, _: upserted("benefit", slugs_by_pk(Benefit, benefits)),
            resources=("benefit",),
        )
    on_m2m_change(
        Contraindication.sources,
        lambda items, _: (
            upserted("contraindication", slugs_by_pk(Contraindication, items))
            + _in_safety_screen(Contraindication.objects.filter(pk__in=items))
        ),
        resources=("contraindication", "safety"),
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
        resources=("zone", "routine"),
    )
    # A routine lists the contraindications of the zones and techniques its steps use.
    on_m2m_change(
        Contraindication.zones,
        lambda items, zones: (
            upserted("contraindication", slugs_by_pk(Contraindication, items))
            + upserted("routine", _published(Routine.objects.filter(steps__zones__in=zones)))
            + _in_safety_screen(Contraindication.objects.filter(pk__in=items))
        ),
        resources=("contraindication", "routine", "safety"),
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
        resources=("contraindication", "routine", "safety"),
    )
