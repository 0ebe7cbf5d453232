"""The routines' safety guards: no path may leave a published routine breaking a rule.

Registered with ``footcare.content.guards`` for every model a published routine's safety
depends on: the routine, its steps and their zone links, the zones and areas they name.
Messages name the routines and steps concerned, so an editor or a script author knows where
to look.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete
from django.utils.translation import gettext

from footcare.content.guards import check_later, guard_deletes, guard_saves
from routines import safety
from routines.models import Routine, SafetyScreen, Status, Step
from zones.models import Area, Zone


def _published_steps(*conditions: Q, **lookup: Any) -> QuerySet[Step]:
    return (
        Step.objects.filter(*conditions, routine__status=Status.PUBLISHED, **lookup)
        .distinct()
        .select_related("routine", "area")
        .prefetch_related("zones__overlaps")
        .order_by("routine__title", "position")
    )


def _in_routine(step: Step, problem: str) -> str:
    return gettext(
        "Published routine “%(routine)s”, step %(position)s (%(title)s): %(problem)s"
    ) % {
        "routine": step.routine,
        "position": step.position,
        "title": step.title,
        "problem": problem,
    }


def routine_problems(routine: Routine) -> list[str]:
    """Why a published routine, as saved now, may not stay published (nothing for drafts)."""
    if not routine.is_published:
        return []
    return [
        gettext("Published routine “%(routine)s”: %(problem)s")
        % {"routine": routine, "problem": problem}
        for problem in routine.publish_problems()
    ]


def zone_problems(zone: Zone) -> list[str]:
    """What the zone's new limits or foot would break in published steps that name it."""
    if zone.pk is None:
        return []
    problems = []
    # Steps that name it, and steps that name a zone drawn over it (they press it too).
    for step in _published_steps(Q(zones=zone) | Q(zones__overlaps=zone)):
        for problem in safety.step_problems(step.facts(edited=zone)):
            problems.append(_in_routine(step, problem))
    return problems


def safety_screen_problems(screen: SafetyScreen) -> list[str]:
    """Published routines rely on the safety screen: it may not lose a text in any language."""
    missing = screen.missing_texts()
    if not missing or not Routine.objects.published().exists():
        return []
    return [
        gettext(
            "Published routines rely on the safety screen; it may not be left without text "
            "(%(missing)s). Write it in every language."
        )
        % {"missing": ", ".join(missing)}
    ]


def safety_screen_deletion_problems(screen: SafetyScreen) -> list[str]:
    if not Routine.objects.published().exists():
        return []
    return [gettext("Published routines rely on the safety screen; it cannot be deleted.")]


def area_problems(area: Area) -> list[str]:
    """What the area's new limit would break in published steps that work it."""
    if area.pk is None:
        return []
    problems = []
    limit = safety.ZoneLimit(area.name, "both", area.max_pressure)
    for step in _published_steps(area=area):
        for problem in safety.pressure_problems(step.pressure, [limit]):
            problems.append(_in_routine(step, problem))
    return problems


def zone_deletion_problems(zone: Zone) -> list[str]:
    """A zone named by a published step cannot go: the step would lose its limit."""
    steps = list(_published_steps(zones=zone))
    if not steps:
        return []
    where = ", ".join(
        gettext("“%(routine)s” step %(position)s")
        % {"routine": step.routine, "position": step.position}
        for step in steps
    )
    return [
        gettext(
            "The zone “%(zone)s” is used by published routines (%(steps)s). Take it out of "
            "those steps, or withdraw the routines, before deleting it."
        )
        % {"zone": zone, "steps": where}
    ]


def _recheck_steps(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **_: Any
) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    steps = (pk_set or ()) if reverse else {instance.pk}
    for routine_id in Step.objects.filter(pk__in=steps).values_list("routine_id", flat=True):
        check_later(Routine, routine_id)


def _recheck_overlapping(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **_: Any
) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    zones = {instance.pk, *(pk_set or ())}
    routines = Step.objects.filter(zones__in=zones).values_list("routine_id", flat=True)
    for routine_id in set(routines):
        check_later(Routine, routine_id)


def _judge_its_routine(step: Step) -> list[str]:
    """A step is judged as part of its routine, once per routine however many steps changed
    (the loader writes hundreds in one change)."""
    check_later(Routine, step.routine_id)
    return []


def _recheck_routine_of(sender: Any, instance: Step, **_: Any) -> None:
    check_later(Routine, instance.routine_id)


def connect() -> None:
    guard_saves(Routine, routine_problems)
    guard_saves(Step, _judge_its_routine)
    guard_saves(Zone, zone_problems)
    guard_saves(Area, area_problems)
    guard_deletes(Zone, zone_deletion_problems)
    guard_saves(SafetyScreen, safety_screen_problems)
    guard_deletes(SafetyScreen, safety_screen_deletion_problems)
    m2m_changed.connect(_recheck_steps, sender=Step.zones.through, weak=False)
    m2m_changed.connect(_recheck_overlapping, sender=Zone.overlaps.through, weak=False)
    post_delete.connect(_recheck_routine_of, sender=Step, weak=False)
