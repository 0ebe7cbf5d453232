"""A routine plays as a guided session: a timeline that adds up and cues a player can speak."""

from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from footcare.content.rules import Violation
from routines import player
from routines.content import rules as content_rules
from routines.models import Routine, Step

pytestmark = pytest.mark.django_db


@dataclass
class FakeStep:
    position: int
    foot: str
    duration_seconds: int
    repetitions: int
    spoken: str = "Stroke the foot."


def kinds(cues):
    return [(cue.at_seconds, cue.kind) for cue in cues]


def test_cues_count_repetitions_switch_feet_breathe_and_end():
    steps = [
        FakeStep(1, "right", 40, 4),
        FakeStep(2, "right", 60, 1),
        FakeStep(3, "left", 40, 4),
        FakeStep(4, "both", 20, 1),
    ]
    with translation.override("en"):
        cues = player.cues(steps)
    assert kinds(cues[0]) == [(0, "start"), (10, "repeat"), (20, "repeat"), (30, "repeat")]
    assert [cue.text for cue in cues[0][1:]] == [f"Again: {n} of 4." for n in (2, 3, 4)]
    assert kinds(cues[1]) == [(0, "start"), (30, "breathe")]  # one long repetition
    assert kinds(cues[2])[:2] == [(0, "switch_foot"), (0, "start")]
    assert cues[2][0].text == "Now the left foot."
    assert kinds(cues[3]) == [(0, "switch_foot"), (0, "start"), (20, "end")]  # short: no breathe


def test_cue_texts_come_in_the_requested_language():
    steps = [FakeStep(1, "right", 20, 2), FakeStep(2, "left", 40, 1)]
    with translation.override("ru"):
        cues = player.cues(steps)
    assert [cue.text for cue in cues[0]][1:] == ["Ещё раз: 2 из 2."]
    assert [cue.text for cue in cues[1]] == [
        "Теперь левая стопа.",
        "Stroke the foot.",  # the step's own narration, as given
        "Дышите медленно и глубоко.",
        "Сеанс окончен. Полежите или посидите минуту, прежде чем вставать.",
    ]


def test_the_timeline_runs_the_steps_back_to_back():
    entries = player.timeline([FakeStep(1, "right", 30, 1), FakeStep(2, "left", 45, 3)])
    assert [(e.position, e.starts_at_seconds, e.ends_at_seconds) for e in entries] == [
        (1, 0, 30),
        (2, 30, 75),
    ]


def replay(routine_json: dict) -> None:
    """Play a routine as an app would, and check that every cue and every second fits."""
    timeline = routine_json["timeline"]
    steps = routine_json["steps"]
    assert [entry["position"] for entry in timeline["steps"]] == [s["position"] for s in steps]
    clock = 0
    for index, (step, entry) in enumerate(zip(steps, timeline["steps"], strict=True)):
        assert step["position"] == step["number"] == index + 1
        assert step["side"] == step["foot"]
        assert entry["starts_at_seconds"] == clock
        clock += step["duration_seconds"]
        assert entry["ends_at_seconds"] == clock
        each, remainder = divmod(step["duration_seconds"], step["repetitions"])
        assert remainder == 0, f"step {step['position']}: repetitions of whole seconds"
        cues = step["cues"]
        assert all(0 <= cue["at_seconds"] <= step["duration_seconds"] for cue in cues)
        assert all(cue["text"].strip() for cue in cues)
        assert [c["at_seconds"] for c in cues] == sorted(c["at_seconds"] for c in cues)
        assert [c for c in cues if c["kind"] == "start"] == [
            {"at_seconds": 0, "kind": "start", "text": step["narration"]}
        ]
        assert [c["at_seconds"] for c in cues if c["kind"] == "repeat"] == [
            each * n for n in range(1, step["repetitions"])
        ]
        switched = index > 0 and steps[index - 1]["foot"] != step["foot"]
        assert [c["kind"] for c in cues if c["kind"] == "switch_foot"] == (
            ["switch_foot"] if switched else []
        )
        last = index == len(steps) - 1
        assert [c["at_seconds"] for c in cues if c["kind"] == "end"] == (
            [step["duration_seconds"]] if last else []
        )
    assert timeline["total_seconds"] == clock == routine_json["total_duration_seconds"]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_published_routine_replays_against_its_steps(api, shipped_pack, language):
    slugs = list(Routine.objects.published().values_list("slug", flat=True))
    assert len(slugs) >= 9
    for slug in slugs:
        answer = api.get(reverse("v1:routine-detail", args=[slug]), HTTP_ACCEPT_LANGUAGE=language)
        replay(answer.json())
        narrations = [step["narration"] for step in answer.json()["steps"]]
        instructions = [step["instruction"] for step in answer.json()["steps"]]
        assert not set(narrations) & set(instructions), slug


def test_the_sync_plays_the_same_as_the_detail(api, shipped_pack):
    routines = api.get(reverse("v1:sync")).json()["upserts"]["routines"]
    for routine in routines:
        replay(routine)


def test_a_step_whose_repetitions_are_not_whole_seconds_is_refused_in_plain_words(shipped_pack):
    step = Step.objects.filter(repetitions=6)[0]
    step.duration_seconds = 45
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        step.clean()
    assert refused.value.message_dict["duration_seconds"] == [
        "Each repetition must take whole seconds, so that the app can count them: "
        "with 6 repetitions, choose 42 or 48 seconds."
    ]


def test_the_player_rule_catches_a_missing_or_copied_narration(shipped_pack):
    assert list(content_rules.steps_play_well()) == []
    step = Step.objects.filter(routine__slug="quick-five-minutes").order_by("position")[0]
    Step.objects.filter(pk=step.pk).update(narration_ru="", narration_en=step.instruction_en)
    assert {str(v) for v in content_rules.steps_play_well()} == {
        str(Violation("routines: player", f"routine quick-five-minutes, step {step.position}", m))
        for m in (
            "the en narration repeats the instruction; say it shorter, as a voice would.",
            "no ru narration.",
        )
    }
