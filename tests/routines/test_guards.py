"""Safety holds on every path: admin, loader, model code, bulk updates and many-to-many edits.

Each test takes a published routine whose steps are safe and tries to make it unsafe by one
path; the change must be refused, naming the routine, and leave the database as it was.
"""

import pytest
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from footcare.content.guards import (
    UnsafeChange,
    tolerating_what_was_there,
    written_by_this_change,
)
from footcare.content.journal import current_position
from routines.models import Routine, Step
from tests.factories import AreaFactory, RoutineFactory, StepFactory, ZoneFactory
from zones.models import Area, Zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def heel():
    return ZoneFactory(slug="heel", name_en="Heel", recommended_pressure=3, max_pressure=4)


@pytest.fixture
def routine(heel):
    """A published routine pressing the heel at 4, its limit."""
    routine = RoutineFactory(slug="firm", title_en="Firm heel work")
    StepFactory(routine=routine, title_en="Heel", pressure=3, zones=[heel], area=None)
    StepFactory(routine=routine, title_en="Knuckles", pressure=4, zones=[heel], area=None)
    routine.publish()
    return routine


def refused(change) -> list[str]:
    """Run ``change``; it must be refused and change nothing, not even the journal."""
    position = current_position()
    # In its own transaction, as a script's would be: a many-to-many edit joins the caller's
    # transaction rather than opening one, and the test runs inside one.
    with pytest.raises(UnsafeChange) as refusal, transaction.atomic():
        change()
    assert current_position() == position
    return refusal.value.messages


def test_lowering_a_zones_limit_is_refused_on_save(routine, heel):
    heel.max_pressure = 3
    heel.recommended_pressure = 2
    (message,) = refused(heel.save)
    assert "“Firm heel work”, step 2 (Knuckles)" in message
    assert "Heel allows at most pressure 3 (moderate); this step asks for 4 (firm)" in message
    assert Zone.objects.get(slug="heel").max_pressure == 4


def test_lowering_a_zones_limit_is_refused_in_bulk(routine):
    refused(lambda: Zone.objects.filter(slug="heel").update(max_pressure=2, recommended_pressure=1))
    assert Zone.objects.get(slug="heel").max_pressure == 4


def test_the_same_change_is_fine_when_only_drafts_use_the_zone(routine, heel):
    routine.withdraw()
    heel.max_pressure, heel.recommended_pressure = 2, 1
    heel.save()
    assert Zone.objects.get(slug="heel").max_pressure == 2
    with pytest.raises(Exception, match="allows at most pressure 2"):
        Routine.objects.get(slug="firm").publish()


def test_model_validation_says_it_before_saving(routine, heel):
    heel.max_pressure, heel.recommended_pressure = 3, 2
    with pytest.raises(Exception, match="“Firm heel work”"):
        heel.full_clean()


def test_deleting_a_zone_a_published_step_uses_is_refused(routine, heel):
    (message,) = refused(heel.delete)
    assert "used by published routines (“Firm heel work” step 1, “Firm heel work” step 2)" in (
        message
    )
    refused(lambda: Zone.objects.filter(slug="heel").delete())
    assert Zone.objects.filter(slug="heel").exists()
    assert Step.objects.filter(zones=heel).count() == 2


def test_a_step_that_names_nothing_cannot_stay_published(routine):
    step = routine.steps.get(position=1)
    refused(lambda: step.zones.clear())
    assert step.zones.count() == 1


def test_a_bulk_pressure_change_on_a_published_step_is_refused(routine):
    refused(lambda: Step.objects.filter(routine=routine).update(pressure=5))
    assert sorted(routine.steps.values_list("pressure", flat=True)) == [3, 4]


def test_adding_a_tender_zone_to_a_published_step_is_refused(routine):
    webs = ZoneFactory(slug="webs", name_en="Between the toes", recommended_pressure=1,
                       max_pressure=2)  # fmt: skip
    step = routine.steps.get(position=2)
    (message,) = refused(lambda: step.zones.add(webs))
    assert "Between the toes allows at most pressure 2 (light)" in message
    refused(lambda: webs.steps.add(step))  # the same link, made from the zone's side


def test_an_areas_limit_holds_like_a_zones(heel):
    sole = AreaFactory(slug="whole-sole", name_en="Whole sole", max_pressure=3)
    routine = RoutineFactory(slug="rub", title_en="Rub")
    StepFactory(routine=routine, area=sole, pressure=3)
    routine.publish()
    sole.max_pressure = 2
    (message,) = refused(sole.save)
    assert "Whole sole allows at most pressure 2 (light); this step asks for 3" in message
    refused(lambda: Area.objects.filter(pk=sole.pk).update(max_pressure=1))


def test_a_published_routine_keeps_at_least_one_step(routine):
    refused(lambda: Step.objects.filter(routine=routine).delete())
    assert routine.steps.count() == 2
    routine.delete()  # the whole routine may go, steps and all
    assert not Step.objects.exists()


def test_publishing_in_bulk_is_judged_too(heel):
    draft = RoutineFactory(slug="draft", title_en="Too firm")
    StepFactory(routine=draft, zones=[heel], pressure=5, area=None)
    (message,) = refused(lambda: Routine.objects.filter(pk=draft.pk).update(status="published"))
    assert "“Too firm”" in message and "at most pressure 4 (firm)" in message


def test_the_admin_zone_form_explains_the_refusal(boss, routine, heel):
    url = reverse("admin:zones_zone_change", args=[heel.pk])
    form = boss.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {
        "max_pressure": "2",
        "recommended_pressure": "1",
        "body_parts": [str(part.pk) for part in heel.body_parts.all()],
        "sources": [str(source.pk) for source in heel.sources.all()],
        "longitudinal_zones": list(heel.longitudinal_zones),
        "shapes-TOTAL_FORMS": "0",
        "shapes-INITIAL_FORMS": "0",
    }
    response = boss.post(url, data)
    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    assert "Published routine “Firm heel work”, step 2 (Knuckles): Heel allows at most" in page
    assert Zone.objects.get(pk=heel.pk).max_pressure == 4


def test_the_admin_delete_page_names_the_routines_and_deletes_nothing(boss, routine, heel):
    url = reverse("admin:zones_zone_delete", args=[heel.pk])
    page = boss.get(url).content.decode()
    assert "Firm heel work" in page and "used by published routines" in page
    boss.post(url, {"post": "yes"})
    assert Zone.objects.filter(pk=heel.pk).exists()


def test_bringing_content_up_to_a_release_is_refused_only_what_it_makes_worse(routine, heel):
    # A limit an earlier release's rules allowed, written straight into the table as a
    # database that release made may hold it: the knuckles step now presses 4 > 3.
    QuerySet(Zone).filter(pk=heel.pk).update(max_pressure=3)  # a plain query: no guard
    routines = Routine.objects.filter(pk=routine.pk)
    # Judging the routine again (its summary changed) finds the old problem: refused...
    refused(lambda: routines.update(summary_en="Changed."))
    with tolerating_what_was_there():
        # ...but not while a load brings the content up to a release, which did not make it,
        # whatever the words say now (the routine's title is in them).
        with transaction.atomic():
            routines.update(title_en="Firm heel, renamed")
        # A new problem in the same routine still is.
        problems = refused(lambda: Step.objects.filter(title_en="Heel").update(pressure=5))
        assert any("asks for 5" in problem for problem in problems)
        # And what the change writes itself is judged in full.
        written_by_this_change(Routine, routine.pk)
        refused(lambda: routines.update(summary_en="Changed."))
    assert routines.get().title_en == "Firm heel, renamed"
