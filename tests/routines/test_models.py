"""Routines and steps: positions, derived duration, publishing, duplicating."""

import pytest
from django.core.exceptions import ValidationError

from routines.models import Routine, Step
from tests.factories import RoutineFactory, StepFactory, ZoneFactory

pytestmark = pytest.mark.django_db


def positions(routine):
    return list(routine.steps.values_list("position", flat=True))


def titles(routine):
    return list(routine.steps.values_list("title_en", flat=True))


def test_new_steps_are_appended_in_order():
    routine = RoutineFactory()
    for title in ("a", "b", "c"):
        StepFactory(routine=routine, title_en=title)
    assert positions(routine) == [1, 2, 3]
    assert titles(routine) == ["a", "b", "c"]


def test_positions_close_up_after_a_delete():
    routine = RoutineFactory()
    steps = [StepFactory(routine=routine, title_en=t) for t in "abcd"]
    steps[1].delete()
    assert positions(routine) == [1, 2, 3]
    assert titles(routine) == ["a", "c", "d"]
    routine.steps.filter(title_en="a").delete()  # a queryset delete, too
    assert positions(routine) == [1, 2]
    StepFactory(routine=routine, title_en="e")
    assert titles(routine) == ["c", "d", "e"]
    assert positions(routine) == [1, 2, 3]


def test_reordering_then_renumbering_keeps_the_new_order_contiguous():
    routine = RoutineFactory()
    a, _b, c = (StepFactory(routine=routine, title_en=t) for t in "abc")
    # As a drag-and-drop save may leave them: any increasing numbers.
    Step.objects.filter(pk=c.pk).update(position=5)
    Step.objects.filter(pk=a.pk).update(position=9)
    routine.renumber_steps()
    assert titles(routine) == ["b", "c", "a"]
    assert positions(routine) == [1, 2, 3]


def test_total_duration_is_the_sum_of_whole_step_durations():
    routine = RoutineFactory()
    StepFactory(routine=routine, duration_seconds=60, repetitions=5)
    StepFactory(routine=routine, duration_seconds=45, repetitions=1)
    assert routine.total_duration() == 105
    annotated = Routine.objects.with_totals().get(pk=routine.pk)
    assert (annotated.total_duration_seconds, annotated.step_count) == (105, 2)
    empty = Routine.objects.with_totals().get(pk=RoutineFactory().pk)
    assert (empty.total_duration(), empty.step_count) == (0, 0)


def test_a_routine_without_steps_cannot_be_published():
    routine = RoutineFactory()
    with pytest.raises(ValidationError, match="at least one step"):
        routine.publish()
    routine.refresh_from_db()
    assert routine.status == "draft" and routine.published_at is None


def test_an_unsafe_step_blocks_publishing_and_is_named():
    tender = ZoneFactory(
        slug="toe-webs", name_en="Between the toes", recommended_pressure=1, max_pressure=2
    )
    routine = RoutineFactory()
    StepFactory(routine=routine, title_en="Toes", pressure=4, zones=[tender], area=None)
    with pytest.raises(ValidationError) as error:
        routine.publish()
    assert error.value.messages == [
        "Step 1 (Toes): Between the toes allows at most pressure 2 (light); "
        "this step asks for 4 (firm). Lower the pressure or leave the zone out."
    ]


def test_step_validation_refuses_a_zone_of_the_other_foot():
    liver = ZoneFactory(slug="liver", name_en="Liver", foot="right")
    step = StepFactory(foot="left", zones=[liver])
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert error.value.message_dict["foot"] == [
        "Liver is on the right foot only; this step works the left foot."
    ]


def test_publish_and_withdraw():
    routine = RoutineFactory()
    StepFactory(routine=routine)
    routine.publish()
    routine.refresh_from_db()
    assert routine.status == "published" and routine.published_at is not None
    first_published = routine.published_at
    routine.publish()  # publishing twice keeps the first date
    assert routine.published_at == first_published
    routine.withdraw()
    routine.refresh_from_db()
    assert routine.status == "draft"


def test_duplicate_is_a_draft_copy_with_its_steps():
    zone = ZoneFactory()
    routine = RoutineFactory(slug="calm", title_en="Calm", title_ru="Покой")
    StepFactory(routine=routine, title_en="one", zones=[zone])
    StepFactory(routine=routine, title_en="two")
    routine.publish()
    copy = routine.duplicate()
    again = routine.duplicate()
    assert (copy.slug, again.slug) == ("calm-copy", "calm-copy-2")
    assert copy.status == "draft" and copy.published_at is None
    assert (copy.title_en, copy.title_ru) == ("Calm (copy)", "Покой (copy)")
    assert titles(copy) == ["one", "two"]
    assert list(copy.steps.get(position=1).zones.all()) == [zone]
    assert titles(routine) == ["one", "two"]  # the original is untouched
