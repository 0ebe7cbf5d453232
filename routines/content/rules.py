"""Rules the routines keep (see footcare.content.rules).

The catalogue a practitioner expects (every session length, self and partner, a gentle
routine), routines in the order DOMAIN.md teaches (preparation first, the spine first among
the walking steps, a closing relaxation), step texts that say what the step does, every
zone of the map worked somewhere, the conditions of the whole person on every routine's
list of contraindications, a routine for every audience, the hip-replacement caution where a
routine crosses the legs, and no soak offered to numb feet.
"""

import re
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation

from footcare.content.rules import Rule, Violation
from footcare.content.wording import glossary
from routines import safety
from routines.models import (
    Audience,
    Contraindication,
    Performer,
    PressureLevel,
    Routine,
    SafetyScreen,
    Step,
    Tool,
)
from zones.models import Zone

OPENING_AND_CLOSING = {"holding", "stroking"}  # gentle, whole-foot: preparation and ending
WALKING = {"thumb-walking", "finger-walking"}
SPINE = {"cervical-spine", "thoracic-spine", "lumbar-spine", "sacrum", "coccyx"}

# Session lengths a practitioner expects, in seconds: (label, shortest, longest).
LENGTHS = [
    ("5-minute", 270, 330),
    ("15-minute", 780, 1020),
    ("30-minute", 1620, 1980),
    ("45–60-minute", 2700, 3600),
]
GENTLE_AUDIENCES = {"seniors", "diabetes"}
MIN_PUBLISHED = 9
# Conditions of the whole person that every routine must list and the safety screen ask about
# (DOMAIN.md, "Safety" and "Clinical safety, reviewed"): a clinician's floor, whatever editors
# add. A hip replacement is not among them: it rules out one position, not a routine, so it is
# tied to the routines that sit with an ankle across the knee (``hip_caution_where_needed``).
ON_EVERY_ROUTINE = [
    "thrombosis",
    "fractures",
    "open-wounds",
    "active-gout",
    "low-platelets",
    "pregnancy",
    "diabetes-neuropathy",
    "blood-thinners",
    "peripheral-arterial-disease",
    "swollen-feet",
    "lymphoedema",
    "fever-or-infection",
    "cancer-treatment",
]


def _published() -> list[Routine]:
    steps = Step.objects.select_related("technique", "area").prefetch_related("zones__body_parts")
    return list(
        Routine.objects.published()
        .with_totals()
        .prefetch_related("audiences", Prefetch("steps", queryset=steps))
        .order_by("slug")
    )


def _where(routine: Routine, step: Step | None = None) -> str:
    return f"routine {routine.slug}" + (f", step {step.position}" if step else "")


def zones_covered() -> Iterator[Violation]:
    used = set(
        Step.objects.filter(routine__in=Routine.objects.published()).values_list("zones", flat=True)
    )
    for zone in Zone.objects.exclude(pk__in=[pk for pk in used if pk]):
        yield Violation(
            "routines: coverage",
            f"zone {zone.slug}",
            "no published routine works this zone; add it to a step.",
        )


def routines_in_order() -> Iterator[Violation]:
    for routine in _published():
        steps = list(routine.steps.all())
        if not steps:
            continue
        for step, role in ((steps[0], "begin"), (steps[-1], "end")):
            if step.technique.slug not in OPENING_AND_CLOSING or step.pressure > 2:
                yield Violation(
                    "routines: order",
                    _where(routine, step),
                    f"a routine should {role} gently (holding or stroking, pressure 1–2); "
                    f"this step is {step.technique.slug} at {step.pressure}.",
                )
        for foot in ("left", "right", "both"):
            walking = [
                step
                for step in steps
                if step.foot == foot and step.technique.slug in WALKING and step.zones.all()
            ]
            spine = [step for step in walking if _parts(step) & SPINE]
            if spine and walking[0] is not spine[0]:
                yield Violation(
                    "routines: order",
                    _where(routine, spine[0]),
                    f"the spine comes first among the walking steps of the {foot} foot; "
                    f"step {walking[0].position} comes before it.",
                )


def _parts(step: Step) -> set[str]:
    return {part.slug for zone in step.zones.all() for part in zone.body_parts.all()}


def _mentions(text: str, stems: list[str]) -> bool:
    lowered = text.lower()
    return any(stem.lower() in lowered for stem in stems)


def _pressure_words_disagree(text: str, pressure: int, code: str) -> Iterator[str]:
    """What a text says about pressure that its step's pressure contradicts."""
    pressure_words: dict[str, list[int]] = glossary().get("pressure_words", {}).get(code, {})
    for word, levels in pressure_words.items():
        pattern = r"(?<!\w)" + re.escape(word.lower())
        if pressure not in levels and re.search(pattern, text.lower()):
            yield (
                f"says “{word}”, which means pressure {'/'.join(map(str, levels))}, "
                f"but the step is at {pressure}."
            )


def step_texts_agree() -> Iterator[Violation]:
    words = glossary()
    technique_words: dict[str, dict[str, list[str]]] = words.get("techniques", {})
    languages = [code for code, _name in settings.LANGUAGES]
    for routine in _published():
        for step in routine.steps.all():
            for code in languages:
                text = getattr(step, f"instruction_{code}") or ""
                stems = technique_words.get(step.technique.slug, {}).get(code)
                if stems and not _mentions(text, stems):
                    yield Violation(
                        "routines: step text",
                        _where(routine, step),
                        f"the {code} instruction does not say to do "
                        f"{step.technique.slug} (expected one of: {', '.join(stems)}).",
                    )
                for problem in _pressure_words_disagree(text, step.pressure, code):
                    yield Violation(
                        "routines: step text",
                        _where(routine, step),
                        f"the {code} instruction {problem}",
                    )


def steps_follow_the_scale() -> Iterator[Violation]:
    """The pressure scale and the steps speak with one voice. Each level of the scale opens
    with the word the app shows beside every step at that level (its label), so that a reader
    meets one word per level; and a step presses firmly only where the scale allows it, on
    the coarse skin of the heel pad. (What a step's own words say about pressure is checked
    against its level by ``step_texts_agree``, with the glossary's pressure words.)"""
    for level in PressureLevel.objects.order_by("level"):
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                label = str(safety.PRESSURE_NAMES.get(level.level, ""))
            text = (getattr(level, f"feels_like_{code}") or "").strip()
            if not text.lower().startswith(f"{label.lower()}:"):
                yield Violation(
                    "routines: pressure scale",
                    f"pressure level {level.level} ({code})",
                    f"should open with “{label}:”, the word the app shows for this level.",
                )
    for routine in _published():
        for step in routine.steps.all():
            skins = [(zone.slug, zone.skin) for zone in step.zones.all()]
            if step.area and step.pressure >= safety.FIRM:
                skins.append((f"the area {step.area.slug}", ""))
            for where in safety.skin_problems(step.pressure, skins):
                yield Violation(
                    "routines: pressure scale",
                    _where(routine, step),
                    f"presses at {step.pressure} on {where}, but the pressure scale keeps "
                    f"pressure {safety.FIRM} and above for the coarse skin of the heel pad.",
                )


def steps_play_well() -> Iterator[Violation]:
    """What a guided-session player needs of a step: a narration to speak, in every language,
    that is not the written instruction read aloud, and repetitions of whole seconds."""
    languages = [code for code, _name in settings.LANGUAGES]
    for routine in _published():
        for step in routine.steps.all():
            if step.duration_seconds % step.repetitions:
                yield Violation(
                    "routines: player",
                    _where(routine, step),
                    f"{step.duration_seconds} seconds do not divide into {step.repetitions} "
                    "repetitions of whole seconds.",
                )
            for code in languages:
                narration = (getattr(step, f"narration_{code}") or "").strip()
                instruction = (getattr(step, f"instruction_{code}") or "").strip()
                if not narration:
                    yield Violation(
                        "routines: player", _where(routine, step), f"no {code} narration."
                    )
                elif narration == instruction or instruction.startswith(narration):
                    yield Violation(
                        "routines: player",
                        _where(routine, step),
                        f"the {code} narration repeats the instruction; say it shorter, "
                        "as a voice would.",
                    )
                for problem in _pressure_words_disagree(narration, step.pressure, code):
                    yield Violation(
                        "routines: player", _where(routine, step), f"the {code} narration {problem}"
                    )


def routines_say_who_and_what() -> Iterator[Violation]:
    languages = [code for code, _name in settings.LANGUAGES]
    for routine in _published():
        if not routine.audiences.all():
            yield Violation("routines: audience", _where(routine), "names no audience.")
        for code in languages:
            if not (getattr(routine, f"not_for_{code}") or "").strip():
                yield Violation(
                    "routines: audience",
                    _where(routine),
                    f"does not say who should not use it ({code}).",
                )


def catalogue_complete() -> Iterator[Violation]:
    routines = _published()
    if len(routines) < MIN_PUBLISHED:
        yield Violation(
            "routines: catalogue",
            "published routines",
            f"{len(routines)} published; the catalogue needs at least {MIN_PUBLISHED}.",
        )
    for label, shortest, longest in LENGTHS:
        if not any(shortest <= routine.total_duration() <= longest for routine in routines):
            yield Violation("routines: catalogue", "published routines", f"no {label} routine.")
    full = [routine for routine in routines if routine.total_duration() >= LENGTHS[-1][1]]
    for performer in Performer:
        if not any(routine.performer == performer for routine in full):
            yield Violation(
                "routines: catalogue",
                "published routines",
                f"no full session ({LENGTHS[-1][0]}) for {performer.label.lower()}.",
            )
    gentle = [
        routine
        for routine in routines
        if {audience.slug for audience in routine.audiences.all()} >= GENTLE_AUDIENCES
    ]
    if not any(all(step.pressure <= 2 for step in routine.steps.all()) for routine in gentle):
        yield Violation(
            "routines: catalogue",
            "published routines",
            "no gentle routine (pressure 1–2 only) for older people and people with diabetes.",
        )
    if not any(
        "office-workers" in {audience.slug for audience in routine.audiences.all()}
        for routine in routines
    ):
        yield Violation(
            "routines: catalogue", "published routines", "no routine for office workers."
        )


def general_contraindications_listed() -> Iterator[Violation]:
    """No routine's list of contraindications misses a condition of the whole person.

    The list is worked out, not typed: every general contraindication ("applies to every
    routine"), the routine's own, and those of the zones and techniques its steps use
    (``Routine.objects.listing``). So what goes wrong is the item: a condition every routine
    must list that is missing or not general (the routines whose steps miss its zones, and
    the safety screen, leave it out), or a contraindication that applies to nothing.
    """
    items = {
        item.slug: item for item in Contraindication.objects.prefetch_related("zones", "techniques")
    }
    listed_by_a_routine = set(
        Routine.contraindications.through.objects.values_list("contraindication_id", flat=True)
    )
    for slug in ON_EVERY_ROUTINE:
        item = items.get(slug)
        if item is None:
            yield Violation(
                "safety: contraindications",
                f"contraindication {slug}",
                "missing; every routine must list it. Add it again in the admin, or put the "
                "pack's back with load_content --overwrite-edited.",
            )
        elif not item.applies_to_every_routine:
            yield Violation(
                "safety: contraindications",
                f"contraindication {slug}",
                "does not apply to every routine, so the safety screen and the routines whose "
                "steps miss its zones leave it out; tick “applies to every routine”.",
            )
    for item in items.values():
        if item.slug in ON_EVERY_ROUTINE or item.applies_to_every_routine:
            continue
        if not (item.zones.all() or item.techniques.all() or item.pk in listed_by_a_routine):
            yield Violation(
                "safety: contraindications",
                f"contraindication {item.slug}",
                "applies to no routine and is not on the safety screen; tick “applies to "
                "every routine” if it concerns the whole person, or link it to its zones or "
                "techniques.",
            )


def audiences_have_routines() -> Iterator[Violation]:
    """Every audience has a published routine: the app lists audiences to choose from, and one
    without a routine opens an empty screen."""
    served = set(
        Routine.audiences.through.objects.filter(routine__status="published").values_list(
            "audience_id", flat=True
        )
    )
    for audience in Audience.objects.exclude(pk__in=served):
        yield Violation(
            "routines: audience",
            f"audience {audience.slug}",
            "no published routine is for it, so the app would show an empty screen; publish "
            "one for it or remove the audience.",
        )


def _step_texts(step: Step, code: str) -> list[str]:
    return [getattr(step, f"{field}_{code}") or "" for field in ("instruction", "narration", "tip")]


def hip_caution_where_needed() -> Iterator[Violation]:
    """A routine that sits with an ankle across the opposite knee says, in its list of who should
    not use it, what to do after a hip replacement: that position crosses the legs, which
    surgeons forbid for the first weeks at least."""
    languages = [code for code, _name in settings.LANGUAGES]
    for routine in _published():
        where = [
            "its introduction"
            for code in languages
            if safety.sits_ankle_over_knee(getattr(routine, f"introduction_{code}") or "", code)
        ] + [
            f"step {step.position}"
            for step in routine.steps.all()
            for code in languages
            if any(safety.sits_ankle_over_knee(text, code) for text in _step_texts(step, code))
        ]
        if not where:
            continue
        for code in languages:
            if not safety.cautions_hip_replacement(getattr(routine, f"not_for_{code}") or "", code):
                yield Violation(
                    "safety: contraindications",
                    _where(routine),
                    f"sits with an ankle across the knee ({where[0]}), but its {code} list of "
                    "who should not use it says nothing about a hip replacement; say what to do "
                    "instead (a stool) until the surgeon allows crossing the legs.",
                )


def numb_feet_not_soaked() -> Iterator[Violation]:
    """No tool, step or preparation text offers a soak without saying that numb feet are not
    soaked: they cannot feel water that is too hot."""
    languages = [code for code, _name in settings.LANGUAGES]
    texts: list[tuple[str, str, str, object]] = [
        (f"tool {tool.slug}", "description", code, tool)
        for tool in Tool.objects.all()
        for code in languages
    ]
    texts += [
        (_where(routine, step), field, code, step)
        for routine in _published()
        for step in routine.steps.all()
        for field in ("instruction", "narration", "tip")
        for code in languages
    ]
    screen = SafetyScreen.objects.filter(pk=1).first()
    if screen is not None:
        texts += [("safety screen", "preparation", code, screen) for code in languages]
    for location, field, code, item in texts:
        if safety.soaks_numb_feet(getattr(item, f"{field}_{code}") or "", code):
            yield Violation(
                "safety: soaking",
                location,
                f"the {code} {field} offers a soak but does not say that numb feet are not "
                "soaked (they cannot feel water that is too hot; testing it with an elbow is "
                "the helper's check, not a way to soak them). Say so in this text.",
            )


def safety_screen_written() -> Iterator[Violation]:
    for problem in SafetyScreen.publish_problems():
        yield Violation("safety: screen", "safety screen", problem)


RULES: list[Rule] = [
    zones_covered,
    routines_in_order,
    step_texts_agree,
    steps_follow_the_scale,
    steps_play_well,
    routines_say_who_and_what,
    catalogue_complete,
    general_contraindications_listed,
    audiences_have_routines,
    hip_caution_where_needed,
    numb_feet_not_soaked,
    safety_screen_written,
]
