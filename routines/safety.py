"""Safety rules for routines, as pure functions over plain values.

The model validation, the admin's step forms, publishing and the content loader all ask these
functions, so a rule is written once and every path enforces it the same way. Messages are
meant for the editor: they name the zone and say what to change.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PRESSURE_NAMES = {1: "feather", 2: "light", 3: "moderate", 4: "firm", 5: "deep"}


@dataclass(frozen=True)
class ZoneLimit:
    """What the rules need to know about a zone."""

    name: str
    foot: str  # "left", "right" or "both"
    max_pressure: int


@dataclass(frozen=True)
class StepFacts:
    """What the rules need to know about a step."""

    label: str
    foot: str  # "left", "right" or "both"
    pressure: int
    zones: Sequence[ZoneLimit]
    area: ZoneLimit | None = None  # the whole area it works, if it names one
    overlapped: Sequence[ZoneLimit] = ()  # zones its zones traditionally overlap

    @property
    def limits(self) -> list[ZoneLimit]:
        """Everything whose pressure limit the step must respect: its zones, the zones drawn
        on top of them, and its area."""
        return [*self.zones, *self.overlapped, *([self.area] if self.area else [])]


def _pressure(value: int) -> str:
    return f"{value} ({PRESSURE_NAMES.get(value, '?')})"


def pressure_problems(pressure: int, zones: Iterable[ZoneLimit]) -> list[str]:
    """A step may not press harder than the gentlest of its zones (or its area) allows."""
    return [
        f"{zone.name} allows at most pressure {_pressure(zone.max_pressure)}; "
        f"this step asks for {_pressure(pressure)}. Lower the pressure or leave the zone out."
        for zone in zones
        if pressure > zone.max_pressure
    ]


def foot_problems(foot: str, zones: Iterable[ZoneLimit]) -> list[str]:
    """A step may only name zones that exist on the foot (or feet) it works."""
    problems = []
    for zone in zones:
        if zone.foot == "both" or zone.foot == foot:
            continue
        if foot == "both":
            problems.append(
                f"{zone.name} is on the {zone.foot} foot only, but this step works both feet. "
                f"Make the step for the {zone.foot} foot or leave the zone out."
            )
        else:
            problems.append(
                f"{zone.name} is on the {zone.foot} foot only; this step works the {foot} foot."
            )
    return problems


def location_problems(step: StepFacts) -> list[str]:
    """A step must say where it presses, so that its pressure can be checked at all."""
    if step.zones or step.area:
        return []
    return [
        "This step names no zone and no area, so its pressure cannot be checked. "
        "Choose the area it works (for example the whole sole) or its zones."
    ]


def step_problems(step: StepFacts) -> list[str]:
    return (
        location_problems(step)
        + pressure_problems(step.pressure, step.limits)
        + foot_problems(step.foot, step.zones)
    )


def publish_problems(steps: Sequence[StepFacts]) -> list[str]:
    """Why a routine with these steps cannot be published; empty when it can."""
    if not steps:
        return ["A routine needs at least one step before it can be published."]
    return [f"{step.label}: {problem}" for step in steps for problem in step_problems(step)]


def contraindication_problems(steps: Sequence[StepFacts], *, any_applies: bool) -> list[str]:
    """A routine with steps must list at least one contraindication: a general one, or one of
    the zones or techniques its steps use (``any_applies``). Without steps, other rules speak."""
    if not steps or any_applies:
        return []
    return [
        "No contraindication applies to this routine. Mark the general ones (a "
        "thrombosis, a fracture …) as applying to every routine, or link some to it."
    ]
