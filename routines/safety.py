"""Safety rules for routines, as pure functions over plain values.

The model validation, the admin's step forms, publishing and the content loader all ask these
functions, so a rule is written once and every path enforces it the same way. Messages are
meant for the editor: they name the zone and say what to change.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop, pgettext_lazy

PRESSURE_NAMES = {
    1: pgettext_lazy("pressure", "feather"),
    2: pgettext_lazy("pressure", "light"),
    3: pgettext_lazy("pressure", "moderate"),
    4: pgettext_lazy("pressure", "firm"),
    5: pgettext_lazy("pressure", "deep"),
}

# Whole sentences for each pair (the zone's foot, the step's foot), so that a translation
# need not decline "left" and "right" on its own.
ONLY_ON_ONE_FOOT = {
    ("left", "both"): gettext_noop(
        "%(zone)s is on the left foot only, but this step works both feet. "
        "Make the step for the left foot or leave the zone out."
    ),
    ("right", "both"): gettext_noop(
        "%(zone)s is on the right foot only, but this step works both feet. "
        "Make the step for the right foot or leave the zone out."
    ),
    ("left", "right"): gettext_noop(
        "%(zone)s is on the left foot only; this step works the right foot."
    ),
    ("right", "left"): gettext_noop(
        "%(zone)s is on the right foot only; this step works the left foot."
    ),
}


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
        gettext(
            "%(zone)s allows at most pressure %(limit)s; this step asks for %(asked)s. "
            "Lower the pressure or leave the zone out."
        )
        % {
            "zone": zone.name,
            "limit": _pressure(zone.max_pressure),
            "asked": _pressure(pressure),
        }
        for zone in zones
        if pressure > zone.max_pressure
    ]


def foot_problems(foot: str, zones: Iterable[ZoneLimit]) -> list[str]:
    """A step may only name zones that exist on the foot (or feet) it works."""
    problems = []
    for zone in zones:
        if zone.foot == "both" or zone.foot == foot:
            continue
        sentence = ONLY_ON_ONE_FOOT.get((zone.foot, foot))
        if sentence is not None:
            problems.append(gettext(sentence) % {"zone": zone.name})
        else:  # a foot that is not a choice (its own field error says so); still refuse
            problems.append(
                gettext(
                    "%(zone)s is on the %(zone_foot)s foot only; this step works the %(foot)s foot."
                )
                % {"zone": zone.name, "zone_foot": zone.foot, "foot": foot}
            )
    return problems


def location_problems(step: StepFacts) -> list[str]:
    """A step must say where it presses, so that its pressure can be checked at all."""
    if step.zones or step.area:
        return []
    return [
        gettext(
            "This step names no zone and no area, so its pressure cannot be checked. "
            "Choose the area it works (for example the whole sole) or its zones."
        )
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
        return [gettext("A routine needs at least one step before it can be published.")]
    return [f"{step.label}: {problem}" for step in steps for problem in step_problems(step)]


# The pressure scale (routines/data/03_safety.yaml) keeps firm and deep pressure for the
# coarse skin of the heel pad; elsewhere, however much a zone's own limit allows, it is
# moderate at most.
FIRM = 4
COARSE = "coarse"


def skin_problems(pressure: int, skins: Iterable[tuple[str, str]]) -> list[str]:
    """The zones (name, skin) that a step at ``pressure`` presses harder than the scale allows
    on their skin: firm or deep pressure anywhere but on coarse skin."""
    if pressure < FIRM:
        return []
    return [name for name, skin in skins if skin != COARSE]


def contraindication_problems(steps: Sequence[StepFacts], *, any_applies: bool) -> list[str]:
    """A routine with steps must list at least one contraindication: a general one, or one of
    the zones or techniques its steps use (``any_applies``). Without steps, other rules speak."""
    if not steps or any_applies:
        return []
    return [
        gettext(
            "No contraindication applies to this routine. Mark the general ones (a "
            "thrombosis, a fracture …) as applying to every routine, or link some to it."
        )
    ]


# How the texts say things a rule must see, per language: lower-case regular expressions over
# the text as written (case is ignored). They are the pack's own phrasings, kept few on purpose:
# a rule that accepts any wording cannot tell a caution from a passing mention.

# Sitting with one ankle across the opposite knee, the self-massage position a hip replacement
# forbids while the surgeon restricts crossing the legs.
ANKLE_OVER_KNEE = {
    "en": (
        r"ankle across (?:the|your) (?:opposite|other|left|right) knee",
        r"foot across (?:the|your) knee",
        r"cross-legged",
    ),
    "ru": (r"лодыжкой на колено", r"нога на колене", r"ногу на колено"),
}
HIP_REPLACEMENT = {"en": (r"hip replacement",), "ru": (r"эндопротез",)}

# A soak: what a text says when it offers the feet a basin of warm water.
SOAK = {
    "en": (r"\bsoak", r"\bbasin\b", r"\bfoot ?bath", r"\bwarm water\b"),
    "ru": (r"ванночк", r"\bв тазу\b", r"\bтаз с\b", r"\bт[её]пл\w* вод"),
}
# The words that keep numb feet out of it (they cannot feel water that is too hot), or that
# advise no soak at all. Testing the water with an elbow is the helper's check for feet that can
# feel; it does not make a soak safe for numb ones, so it does not count.
NUMB_FEET_NOT_SOAKED = {
    "en": (r"numb feet are not soaked", r"never soak numb feet", r"\bdo not soak\b"),
    "ru": (r"при онемении стоп ванночку не делают", r"не делайте ванночку"),
}


def _says(text: str, patterns: Mapping[str, tuple[str, ...]], language: str) -> bool:
    lowered = text.lower()
    return any(re.search(pattern, lowered) for pattern in patterns.get(language, ()))


def sits_ankle_over_knee(text: str, language: str) -> bool:
    """Whether ``text`` puts an ankle across the opposite knee."""
    return _says(text, ANKLE_OVER_KNEE, language)


def cautions_hip_replacement(text: str, language: str) -> bool:
    """Whether ``text`` says what to do after a hip replacement."""
    return _says(text, HIP_REPLACEMENT, language)


def soaks_numb_feet(text: str, language: str) -> bool:
    """Whether ``text`` offers a soak without saying that numb feet are not soaked."""
    return _says(text, SOAK, language) and not _says(text, NUMB_FEET_NOT_SOAKED, language)
