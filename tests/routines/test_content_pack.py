"""The routines content pack: what the issue and the seed ask for, safe, bilingual, reloadable."""

import pytest
from django.core.management import call_command

from routines.models import Benefit, Contraindication, Routine, Step, Technique

# The pack brings its own safety screen and general contraindications.
pytestmark = [pytest.mark.django_db, pytest.mark.bare_safety]


@pytest.fixture
def loaded(shipped_pack):
    return shipped_pack


def test_counts(loaded):
    assert Benefit.objects.count() == 4
    assert Technique.objects.count() >= 8
    assert Contraindication.objects.count() >= 10
    assert Routine.objects.published().count() >= 9
    assert list(Routine.objects.filter(status="draft").values_list("slug", flat=True)) == [
        "desk-break-draft"
    ]


def test_loading_again_changes_nothing(loaded, capsys):
    before = list(Step.objects.order_by("pk").values_list("pk", "position", "duration_seconds"))
    call_command("load_content")
    assert "routines: nothing new in the pack" in capsys.readouterr().out
    assert list(Step.objects.order_by("pk").values_list("pk", "position", "duration_seconds")) == (
        before
    )


def test_the_seed_benefits_each_link_zones_and_routines(loaded):
    for benefit in Benefit.objects.all():
        assert benefit.zones.exists(), benefit.slug
        assert benefit.routines.filter(status="published").exists(), benefit.slug
        assert benefit.sources.exists(), benefit.slug
    assert Benefit.objects.get(slug="reflex-zones").evidence_level == "traditional_belief"


def test_the_full_massage_follows_the_taught_order_right_foot_first(loaded):
    routine = Routine.objects.get(slug="relaxing-full-foot-massage")
    steps = list(routine.steps.select_related("technique").prefetch_related("zones"))
    feet = [step.foot for step in steps]
    right, left = feet.count("right"), feet.count("left")
    assert feet == ["right"] * right + ["left"] * left + ["both"] * (len(feet) - right - left)
    for foot in ("right", "left"):
        order = [step for step in steps if step.foot == foot]
        techniques = [step.technique.slug for step in order]
        # Prepare, warm up, the relaxation set and the walking, the toes, then close gently.
        assert techniques[:4] == ["holding", "stroking", "wringing", "ankle-rotation"]
        assert techniques[-2:] == ["stroking", "holding"]
        walking = [step for step in order if step.technique.slug == "thumb-walking"]
        spine = [zone.slug for zone in walking[0].zones.all()]
        assert "lumbar-spine" in spine  # the spine first, sacrum to neck
        assert techniques.index("knuckling") > techniques.index("thumb-walking")
    assert 29 * 60 <= routine.total_duration() <= 31 * 60


def test_the_quick_one_takes_five_minutes(loaded):
    assert Routine.objects.get(slug="quick-five-minutes").total_duration() == 300


def test_every_published_routine_is_safe_and_bilingual(loaded):
    for routine in Routine.objects.published():
        assert routine.publish_problems() == [], routine.slug
        assert routine.title_ru and routine.summary_ru and routine.title_en
        for step in routine.steps.all():
            assert step.title_ru and step.instruction_ru, (routine.slug, step.position)
        assert list(routine.steps.values_list("position", flat=True)) == list(
            range(1, routine.steps.count() + 1)
        )


def test_one_sided_zones_sit_on_their_own_foot(loaded):
    assert set(Step.objects.filter(zones__slug="liver").values_list("foot", flat=True)) == {"right"}
    assert set(Step.objects.filter(zones__slug="spleen").values_list("foot", flat=True)) == {"left"}


# --- Issue 22: what a clinician asked of the safety content -------------------------------


def test_every_routine_says_the_same_about_pregnancy_and_the_new_conditions(loaded):
    firm_on_the_heel = set(
        Routine.objects.filter(steps__pressure__gte=4).values_list("slug", flat=True)
    )
    assert {"arch-support", "athletes-recovery"} <= firm_on_the_heel
    for routine in Routine.objects.published():
        assert "pregnan" in routine.not_for_en.lower(), routine.slug
        assert "беременн" in routine.not_for_ru.lower(), routine.slug
        for en, ru in [("blood-thinning", "свёртываемость"), ("lymphoedema", "лимфедем")]:
            assert en in routine.not_for_en and ru in routine.not_for_ru, (routine.slug, en)
        if routine.slug in firm_on_the_heel:  # not in pregnancy, or without the heel steps
            assert any(
                words in routine.not_for_en for words in ("Not in pregnancy", "leave out the heel")
            ), routine.slug
            assert any(
                words in routine.not_for_ru
                for words in ("Не подходит при беременности", "пропустите шаги на пятке")
            ), routine.slug


def test_routines_with_oil_name_nut_oils(loaded):
    oily = Routine.objects.published().filter(tools__slug="oil-or-cream")
    assert oily.count() >= 4
    for routine in oily:
        assert "almond or peanut" in routine.safety_notes_en, routine.slug
        assert "миндального" in routine.safety_notes_ru, routine.slug


def test_the_gentle_routine_looks_at_both_feet_for_two_to_three_minutes(loaded):
    steps = list(Routine.objects.get(slug="gentle-care").steps.order_by("position"))
    check = steps[0]
    assert check.foot == "both" and 120 <= check.duration_seconds <= 180
    for part in ("tops", "soles", "heels", "between every toe"):
        assert part in check.instruction_en
    closing = steps[-1].instruction_en
    for precaution in ("cream off the soles", "non-slip", "light", "stand up slowly"):
        assert precaution in closing


def test_pregnancy_has_a_light_routine_that_keeps_off_the_heel_and_ankles(loaded):
    routine = Routine.objects.get(slug="pregnancy-light-care")
    assert routine.is_published and routine.performer == "partner"
    assert list(routine.audiences.values_list("slug", flat=True)) == ["pregnancy"]
    steps = list(routine.steps.select_related("area").prefetch_related("zones"))
    assert max(step.pressure for step in steps) <= 2
    assert not any(step.zones.all() for step in steps)
    assert {step.area.slug for step in steps if step.area} <= {"whole-foot", "whole-sole", "toes"}
    assert "midwife" in routine.introduction_en and "акушерк" in routine.introduction_ru
    assert "semi-reclined" in steps[0].instruction_en and "on her side" in steps[0].instruction_en
    pregnancy = Contraindication.objects.get(slug="pregnancy")
    assert pregnancy.severity == "ask_a_doctor_first"
    assert "first trimester" in pregnancy.description_en
    assert "первом триместре" in pregnancy.description_ru


def test_the_self_routines_crossing_the_legs_list_the_hip_replacement(loaded):
    hip = Contraindication.objects.get(slug="hip-replacement")
    assert not hip.applies_to_every_routine
    assert set(hip.routines.values_list("slug", flat=True)) == {
        "full-session-self",
        "evening-stress-relief",
        "quick-five-minutes",
        "office-desk-break",
        "warm-cold-feet",
        "arch-support",
        "athletes-recovery",
    }
    assert not hip.routines.filter(performer="partner").exists()
