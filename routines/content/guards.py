"""The routines' safety guards: no path may leave a published routine breaking a rule.

Registered with ``footcare.content.guards`` for every model a published routine's safety
depends on: the routine, its steps and their zone links, the zones and areas they name, the
contraindications that apply to every routine, and the audiences and tools routines name.
Messages name the routines and steps concerned, so an editor or a script author knows where
to look.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete
from django.utils.translation import gettext

from footcare.content.guards import check_later, guard_changes, guard_deletes, guard_saves
from routines import safety
from routines.models import (
    Approval,
    Audience,
    Contraindication,
    Routine,
    SafetyScreen,
    Status,
    Step,
    Tool,
)
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
    """Published routines rely on the safety screen: it may not lose a text in any language.
    Its draft of changes is judged when it is published over it."""
    if screen.is_draft:
        return []
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
    if screen.is_draft or not Routine.objects.published().exists():
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


def _titles(routines: Iterable[Routine]) -> str:
    return ", ".join(gettext("“%(routine)s”") % {"routine": routine} for routine in routines)


def _on_every_published_routine(item: Contraindication, problem: str) -> list[str]:
    routines = list(Routine.objects.published())
    return [problem % {"item": item, "routines": _titles(routines)}] if routines else []


def contraindication_deletion_problems(item: Contraindication) -> list[str]:
    """A contraindication that applies to every routine stays while routines are published:
    the safety screen asks about it and every published routine lists it."""
    # As stored: an instance unticked in memory and deleted unsaved is still general.
    if not Contraindication.objects.filter(pk=item.pk, applies_to_every_routine=True).exists():
        return []
    return _general_one_deleted(item)


def _general_one_deleted(item: Contraindication) -> list[str]:
    return _on_every_published_routine(
        item,
        gettext(
            "“%(item)s” is on the safety screen and in the list of every published routine "
            "(%(routines)s). It cannot be deleted while routines are published; withdraw them "
            "first if it really must go."
        ),
    )


def review_problems(was: Routine, routine: Routine | None) -> list[str]:
    """While review is required, a routine becomes published only with a reviewer's approval
    of the version it publishes, whatever path sets its status (``publish()`` checks first,
    in the editor's words; this catches a script that sets the status itself)."""
    if routine is None or was.is_published or not routine.is_published:
        return []
    if not settings.REVIEW_REQUIRED or Approval.of(routine) is not None:
        return []
    return [
        gettext("“%(routine)s” cannot be published: a reviewer has not approved this version.")
        % {"routine": routine}
    ]


def contraindication_change_problems(
    was: Contraindication, item: Contraindication | None
) -> list[str]:
    """Nor may it stop applying to every routine: it would leave the safety screen and the
    lists of the routines whose steps do not happen to use its zones or techniques. Judged
    on the whole change, so that unticking it first does not let a delete through."""
    if not was.applies_to_every_routine:
        return []
    if item is None:
        return _general_one_deleted(was)
    if item.applies_to_every_routine:
        return []
    return _on_every_published_routine(
        item,
        gettext(
            "“%(item)s” is on the safety screen and in the list of every published routine "
            "(%(routines)s). It must keep applying to every routine while routines are "
            "published; withdraw them first if it really must change."
        ),
    )


def _one_or_several(routines: list[Routine], one: str, several: str, item: Any) -> list[str]:
    """``one`` or ``several`` filled in with the routines' titles: a list, not a count, so
    not ngettext (in Russian, 21 titles would take the form for one)."""
    if not routines:
        return []
    sentence = one if len(routines) == 1 else several
    return [sentence % {"routines": _titles(routines), "item": item}]


def audience_deletion_problems(audience: Audience) -> list[str]:
    """An audience a published routine is meant for stays: the routine would drop silently
    off that audience's screen in the app. Taking the audience off the routine is an edit of
    the routine, seen in its history, and allowed."""
    return _one_or_several(
        list(Routine.objects.published().filter(audiences=audience)),
        gettext(
            "The published routine %(routines)s is meant for “%(item)s”. Take the audience "
            "off it, or withdraw it, before deleting the audience."
        ),
        gettext(
            "The published routines %(routines)s are meant for “%(item)s”. Take the audience "
            "off them, or withdraw them, before deleting the audience."
        ),
        audience,
    )


def tool_deletion_problems(tool: Tool) -> list[str]:
    """A tool a published routine needs stays: its steps would still ask for it, and the app
    would no longer list or describe it. Taking the tool off the routine is an edit of the
    routine, and allowed."""
    return _one_or_several(
        list(Routine.objects.published().filter(tools=tool)),
        gettext(
            "The published routine %(routines)s needs “%(item)s”. Take the tool off it, or "
            "withdraw it, before deleting the tool."
        ),
        gettext(
            "The published routines %(routines)s need “%(item)s”. Take the tool off them, or "
            "withdraw them, before deleting the tool."
        ),
        tool,
    )


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
    guard_changes(Routine, review_problems)
    guard_saves(Step, _judge_its_routine)
    guard_saves(Zone, zone_problems)
    guard_saves(Area, area_problems)
    guard_deletes(Zone, zone_deletion_problems)
    guard_saves(SafetyScreen, safety_screen_problems)
    guard_deletes(SafetyScreen, safety_screen_deletion_problems)
    guard_deletes(Contraindication, contraindication_deletion_problems)
    guard_changes(Contraindication, contraindication_change_problems)
    guard_deletes(Audience, audience_deletion_problems)
    guard_deletes(Tool, tool_deletion_problems)
    m2m_changed.connect(_recheck_steps, sender=Step.zones.through, weak=False)
    m2m_changed.connect(_recheck_overlapping, sender=Zone.overlaps.through, weak=False)
    post_delete.connect(_recheck_routine_of, sender=Step, weak=False)
