"""``manage.py explain_model`` names the real registrations of every content model."""

import io

import pytest
from django.core.management import CommandError, call_command

from footcare.content.history import history_models
from footcare.content.journal import registrations, tracked_models

pytestmark = pytest.mark.django_db
CONTENT_MODELS = list(dict.fromkeys([*tracked_models(), *history_models()]))


def explained(label: str) -> str:
    out = io.StringIO()
    call_command("explain_model", label, stdout=out)
    return out.getvalue()


def test_every_content_model_is_found():
    # Both registries fill at start-up: an empty list would make the next test pass vacuously.
    labels = {model._meta.label for model in CONTENT_MODELS}
    assert {"zones.Zone", "zones.ZoneShape", "routines.Routine", "routines.Step"} <= labels


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.label)
def test_every_content_model_is_explained_from_its_registrations(model):
    text = explained(model._meta.label)
    assert text.startswith(f"{model._meta.label} (")
    for registration in registrations(model):
        assert f"{registration.how}: {', '.join(registration.resources)}" in text


def test_a_step_belongs_to_its_routine_and_is_judged_with_it():
    text = explained("routines.Step")
    assert "history (footcare.content.history): versions owned by routines.Routine" in text
    assert "part of: routine  routines.content.journal._step_changes" in text
    assert "judge saves: routines.content.guards._judge_its_routine" in text
    assert "post_delete: routines.signals.close_the_gap" in text
    editor = "routines.admin.routine.RoutineAdmin"
    assert f"admin: inline routines.admin.steps.StepInline on {editor}" in text


def test_a_zone_names_its_resources_guards_and_answers():
    text = explained("zones.Zone")
    assert "  tracked as: zone\n" in text
    assert "shown by: body_part  zones.content.journal._its_body_parts" in text
    assert "judge deletes: routines.content.guards.zone_deletion_problems" in text
    assert "versions its own; holding its shapes" in text
    assert "zone: /sync/ zones; /sync/lean/ zones; /api/v1/zones/ and" in text
    assert "pre_save: footcare.content.identity.remember_former_slug" in text
    assert "changeform_view: footcare.admin.base.GuardedAdminMixin -> django." in text
    assert "save_model: adminsortable2.admin.SortableAdminMixin -> django." in text


def test_a_routine_keeps_its_publication_through_a_restore():
    text = explained("routines.Routine")
    assert "holding its steps; a restore keeps status, published_at" in text
    assert "judge saves: routines.content.guards.routine_problems" in text


def test_a_model_outside_the_content_says_so():
    text = explained("auth.Group")
    assert "journal: nothing" in text
    assert "guards: none" in text
    assert "history: not kept" in text


def test_an_unknown_model_is_refused():
    with pytest.raises(CommandError, match="no such model"):
        call_command("explain_model", "zones.Nothing")
