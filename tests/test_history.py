"""History: every saved version is kept; an editor compares two and restores one, journaled."""

import pytest
from django.urls import reverse
from reversion.models import Version

from routines.models import Routine, Step
from tests.admin_forms import revision_form_data
from tests.factories import RoutineFactory, StepFactory, ZoneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine():
    routine = RoutineFactory(slug="calm", title_en="Calm evening", title_ru="Спокойный вечер")
    StepFactory(routine=routine, title_en="Stroke", pressure=1)
    StepFactory(routine=routine, title_en="Hold", pressure=2)
    routine.publish()
    return routine


def versions_of(row):
    return Version.objects.get_for_object(row)


def test_a_save_from_plain_code_keeps_a_version_holding_the_steps(routine):
    before = versions_of(routine).count()
    routine.title_en = "Calmer evening"
    routine.save()
    assert versions_of(routine).count() == before + 1
    latest = versions_of(routine).first()
    assert latest.field_dict["title_en"] == "Calmer evening"
    held = {version.object_repr for version in latest.revision.version_set.all()}
    assert {"1. Stroke", "2. Hold"} <= held  # the routine's version holds its steps
    assert latest.revision.comment == "Saved outside the admin"


def test_a_step_change_is_a_new_version_of_its_routine(routine):
    before = versions_of(routine).count()
    step = routine.steps.get(position=2)
    step.pressure = 1
    step.save()
    assert versions_of(routine).count() == before + 1


def test_zones_keep_their_shapes_in_each_version():
    zone = ZoneFactory(slug="liver", shapes={"plantar": [[[0.1, 0.1], [0.2, 0.1], [0.2, 0.2]]]})
    zone.name_en = "Liver, edited"
    zone.save()
    revision = versions_of(zone).first().revision
    assert {version.content_type.model for version in revision.version_set.all()} == {
        "zone",
        "zoneshape",
    }


def test_an_editor_sees_compares_and_restores_a_routine_and_readers_get_it(editor, api, routine):
    first_version = versions_of(routine).first()
    # Later edits: a new title, a step's text, and a step added.
    routine.title_en = "Busy evening"
    routine.save()
    step = routine.steps.get(position=1)
    step.title_en = "Rub hard"
    step.save()
    StepFactory(routine=routine, title_en="Extra")
    token = api.get(reverse("v1:sync")).json()["next_token"]
    assert api.get(reverse("v1:routine-detail", args=["calm"])).json()["title"] == "Busy evening"

    history = editor.get(reverse("admin:routines_routine_history", args=[routine.pk]))
    assert history.status_code == 200
    assert "Saved outside the admin" in history.content.decode()
    newest = versions_of(routine).first()
    compare = editor.get(
        reverse("admin:routines_routine_compare", args=[routine.pk]),
        {"version_id1": first_version.pk, "version_id2": newest.pk},
    )
    assert compare.status_code == 200
    page = compare.content.decode()
    assert "Calm evening" in page and "Busy evening" in page

    url = reverse("admin:routines_routine_revision", args=[routine.pk, first_version.pk])
    form = editor.get(url)
    assert form.status_code == 200
    assert Routine.objects.get(pk=routine.pk).title_en == "Busy evening"  # looking restores nothing
    response = editor.post(url, revision_form_data(form))
    assert response.status_code == 302, response.content.decode()[:3000]

    restored = Routine.objects.get(pk=routine.pk)
    assert restored.title_en == "Calm evening"
    assert list(restored.steps.values_list("title_en", flat=True)) == ["Stroke", "Hold"]
    assert not Step.objects.filter(title_en="Extra").exists()
    body = api.get(reverse("v1:routine-detail", args=["calm"])).json()
    assert body["title"] == "Calm evening"
    assert [step["title"] for step in body["steps"]] == ["Stroke", "Hold"]
    delta = api.get(reverse("v1:sync"), {"token": token}).json()
    assert [item["slug"] for item in delta["upserts"]["routines"]] == ["calm"]
