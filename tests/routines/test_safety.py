"""The pure safety rules, one by one."""

from routines.safety import (
    StepFacts,
    ZoneLimit,
    cautions_hip_replacement,
    foot_problems,
    pressure_problems,
    publish_problems,
    sits_ankle_over_knee,
    soaks_numb_feet,
    step_problems,
)

TOE_WEBS = ZoneLimit("Between the toes", "both", 2)
HEEL_CENTRE = ZoneLimit("Middle of the heel", "both", 2)
HEEL = ZoneLimit("Pelvis and lower back", "both", 5)
LIVER = ZoneLimit("Liver", "right", 4)
SPLEEN = ZoneLimit("Spleen", "left", 4)


def test_firm_pressure_between_the_toes_is_refused_naming_the_zone():
    assert pressure_problems(4, [TOE_WEBS]) == [
        "Between the toes allows at most pressure 2 (light); this step asks for 4 (firm). "
        "Lower the pressure or leave the zone out."
    ]


def test_each_zone_over_its_limit_is_named():
    problems = pressure_problems(3, [TOE_WEBS, HEEL, HEEL_CENTRE])
    assert [p.split(" allows")[0] for p in problems] == ["Between the toes", "Middle of the heel"]


def test_pressure_at_the_limit_is_fine():
    assert pressure_problems(2, [TOE_WEBS, HEEL_CENTRE]) == []
    assert pressure_problems(5, [HEEL]) == []
    assert pressure_problems(5, []) == []


def test_one_sided_zones_only_on_their_foot():
    assert foot_problems("right", [LIVER]) == []
    assert foot_problems("left", [SPLEEN]) == []
    assert foot_problems("left", [LIVER]) == [
        "Liver is on the right foot only; this step works the left foot."
    ]
    assert foot_problems("right", [SPLEEN]) == [
        "Spleen is on the left foot only; this step works the right foot."
    ]
    assert "works both feet" in foot_problems("both", [LIVER])[0]
    assert foot_problems("left", [TOE_WEBS]) == []


def test_step_problems_combine_both_rules():
    step = StepFacts("Step 1 (Sole)", "left", 5, [LIVER, TOE_WEBS])
    problems = step_problems(step)
    assert len(problems) == 3
    assert any(p.startswith("Liver allows at most pressure 4") for p in problems)
    assert any(p.startswith("Liver is on the right foot only") for p in problems)


def test_publishing_needs_steps_and_safe_ones():
    assert publish_problems([]) == ["A routine needs at least one step before it can be published."]
    good = StepFacts("Step 1 (Toes)", "right", 2, [TOE_WEBS, LIVER])
    bad = StepFacts("Step 2 (Heel)", "right", 4, [HEEL_CENTRE])
    assert publish_problems([good]) == []
    assert publish_problems([good, bad]) == [
        "Step 2 (Heel): Middle of the heel allows at most pressure 2 (light); "
        "this step asks for 4 (firm). Lower the pressure or leave the zone out."
    ]


# --- How texts say a soak, the ankle across the knee and the hip caution (issue 22) --------


def test_a_soak_offered_to_numb_feet_is_seen_in_both_languages():
    old_basin = "Test the water with your elbow; with numb feet, never with the foot. A soak first."
    assert soaks_numb_feet(old_basin, "en")
    assert not soaks_numb_feet("A warm soak first; numb feet are not soaked.", "en")
    assert not soaks_numb_feet("Do not soak the feet first: it dries the skin.", "en")
    assert soaks_numb_feet("Пять минут со стопами в тёплой воде.", "ru")
    assert not soaks_numb_feet("Ванночка; при онемении стоп ванночку не делают.", "ru")
    # The heel's pelvis zone («таз») is not a basin, and cold water is not a soak.
    assert not soaks_numb_feet("Пятка: таз и седалищная полоса.", "ru")
    assert not soaks_numb_feet("Roll the sole over a bottle of cold water.", "en")


def test_the_ankle_across_the_knee_and_the_hip_caution_are_seen():
    assert sits_ankle_over_knee("Rest your right ankle across your left knee.", "en")
    assert sits_ankle_over_knee("Положите ногу лодыжкой на колено другой.", "ru")
    assert sits_ankle_over_knee("Снова положите ногу на колено.", "ru")
    assert not sits_ankle_over_knee("Rest your hands on your knees.", "en")
    assert not sits_ankle_over_knee("Положите ладони на колени.", "ru")
    assert cautions_hip_replacement("After a hip replacement, use a stool.", "en")
    assert cautions_hip_replacement("После эндопротезирования тазобедренного сустава …", "ru")
