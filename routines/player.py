"""A routine as a guided session plays it: a timeline, and the cues a player speaks on the way.

Everything here is computed from the steps, so that no editor has to keep timings and cue texts
in step with durations, repetitions and feet by hand, and every published routine plays the
same way. A step of ``duration_seconds`` with ``repetitions`` lasts exactly that long, and each
repetition takes ``duration_seconds / repetitions`` seconds, a whole number (a content rule and
the step form check it).

Cue kinds:
- ``switch_foot``: the step is on another foot than the one before; said first.
- ``start``: the step's narration, at its first second.
- ``repeat``: the start of the second, third … repetition, counting aloud.
- ``breathe``: halfway through a long step done once (a hold, a long stroke), a reminder to
  breathe slowly.
- ``end``: when the last step is over: the session is done, rest before standing up.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext

BREATHE_AFTER_SECONDS = 30  # a step done once that lasts at least this long gets a breathe cue


class CueKind:
    SWITCH_FOOT = "switch_foot"
    START = "start"
    REPEAT = "repeat"
    BREATHE = "breathe"
    END = "end"
    ALL = [SWITCH_FOOT, START, REPEAT, BREATHE, END]


class PlayableStep(Protocol):
    """What the player needs of a step (a Step, or anything shaped like one)."""

    position: int
    foot: str
    duration_seconds: int
    repetitions: int

    @property
    def spoken(self) -> str: ...


@dataclass(frozen=True)
class Cue:
    at_seconds: int  # from the start of its step
    kind: str
    text: str


@dataclass(frozen=True)
class TimelineEntry:
    position: int
    starts_at_seconds: int  # from the start of the session
    ends_at_seconds: int


def seconds_per_repetition(step: PlayableStep) -> int:
    return step.duration_seconds // step.repetitions


def _switch_text(foot: str) -> str:
    if foot == "left":
        return gettext("Now the left foot.")
    if foot == "right":
        return gettext("Now the right foot.")
    return gettext("Now both feet.")


def step_cues(step: PlayableStep, previous: PlayableStep | None, *, last: bool) -> list[Cue]:
    """The cues of one step, in the order a player says them."""
    cues = []
    if previous is not None and previous.foot != step.foot:
        cues.append(Cue(0, CueKind.SWITCH_FOOT, _switch_text(step.foot)))
    cues.append(Cue(0, CueKind.START, step.spoken))
    every = seconds_per_repetition(step)
    for number in range(2, step.repetitions + 1):
        text = gettext("Again: %(number)d of %(total)d.") % {
            "number": number,
            "total": step.repetitions,
        }
        cues.append(Cue((number - 1) * every, CueKind.REPEAT, text))
    if step.repetitions == 1 and step.duration_seconds >= BREATHE_AFTER_SECONDS:
        cues.append(
            Cue(step.duration_seconds // 2, CueKind.BREATHE, gettext("Breathe slowly and deeply."))
        )
    if last:
        cues.append(
            Cue(
                step.duration_seconds,
                CueKind.END,
                gettext("That is the end of the session. Rest for a minute before you stand up."),
            )
        )
    return cues


def cues(steps: Sequence[PlayableStep]) -> list[list[Cue]]:
    """Every step's cues, one list per step; ``steps`` in playing order."""
    return [
        step_cues(step, steps[index - 1] if index else None, last=index == len(steps) - 1)
        for index, step in enumerate(steps)
    ]


def timeline(steps: Sequence[PlayableStep]) -> list[TimelineEntry]:
    """When each step starts and ends, from the start of the session; ``steps`` in order."""
    entries, clock = [], 0
    for step in steps:
        entries.append(TimelineEntry(step.position, clock, clock + step.duration_seconds))
        clock += step.duration_seconds
    return entries
