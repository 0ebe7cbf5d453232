"""The routine admin as an editor meets it, and what the Editors group may touch."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from routines.models import Routine
from tests.factories import (
    AreaFactory,
    RoutineFactory,
    StepFactory,
    TechniqueFactory,
    ZoneFactory,
)

pytestmark = pytest.mark.django_db


def routine_form(steps, **overrides):
    data = {
        "title_en": "Toes only",
        "title_ru": "Только пальцы",
        "slug": "toes-only",
        "summary_en": "Short.",
        "summary_ru": "Коротко.",
        "difficulty": "easy",
        "performer": "self",
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    for index, step in enumerate(steps):
        for key, value in step.items():
            data[f"steps-{index}-{key}"] = value
    data.update(overrides)
    return data


def step_data(
    technique, zones, *, title="Toes", foot="right", pressure="2", seconds="60", order=1, area=None
):
    return {
        "title_en": title,
        "title_ru": title,
        "instruction_en": "Do it.",
        "instruction_ru": "Сделайте.",
        "technique": str(technique.pk),
        "foot": foot,
        "zones": [str(zone.pk) for zone in zones],
        "area": str(area.pk) if area else "",
        "pressure": pressure,
        "duration_seconds": seconds,
        "repetitions": "1",
        "position": str(order),
    }


def test_editors_group_has_content_permissions_only():
    editors = Group.objects.get(name="Editors")
    labels = set(editors.permissions.values_list("content_type__app_label", flat=True))
    assert labels == {"zones", "routines"}
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_routine", "change_zone", "delete_step", "publish_routine"} <= codenames
    assert not {"add_user", "change_group"} & codenames


def test_editor_can_edit_content_but_not_people(editor):
    for name in ("routines_routine", "routines_benefit", "zones_zone", "zones_bodypart"):
        assert editor.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
        assert editor.get(reverse(f"admin:{name}_add")).status_code == 200, name
    for name in ("auth_user", "auth_group"):
        assert editor.get(reverse(f"admin:{name}_changelist")).status_code == 403, name


def test_editor_creates_a_routine_with_steps_and_sees_the_total(editor):
    technique = TechniqueFactory()
    webs = ZoneFactory(
        slug="webs", name_en="Between the toes", recommended_pressure=1, max_pressure=2
    )
    steps = [
        step_data(technique, [webs], title="A", seconds="60", order=2),
        step_data(technique, [], title="B", seconds="45", order=1, area=AreaFactory()),
    ]
    response = editor.post(reverse("admin:routines_routine_add"), routine_form(steps))
    assert response.status_code == 302, response.content.decode()[:2000]
    routine = Routine.objects.get(slug="toes-only")
    assert list(routine.steps.values_list("title_en", "position")) == [("B", 1), ("A", 2)]
    assert routine.status == "draft"
    page = editor.get(reverse("admin:routines_routine_change", args=[routine.pk])).content.decode()
    assert "1 min 45 s" in page


def test_unsafe_step_is_refused_on_the_step_in_plain_words(editor):
    technique = TechniqueFactory()
    webs = ZoneFactory(
        slug="webs", name_en="Between the toes", recommended_pressure=1, max_pressure=2
    )
    liver = ZoneFactory(slug="liver", name_en="Liver", foot="right")
    steps = [
        step_data(technique, [webs], title="Toes", pressure="4"),
        step_data(technique, [liver], title="Liver", foot="left", order=2),
    ]
    response = editor.post(reverse("admin:routines_routine_add"), routine_form(steps))
    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    assert (
        "Between the toes allows at most pressure 2 (light); this step asks for 4 (firm)." in page
    )
    assert "Liver is on the right foot only; this step works the left foot." in page
    assert not Routine.objects.filter(slug="toes-only").exists()


def test_publish_withdraw_and_duplicate_actions(editor):
    ready = RoutineFactory(slug="ready", title_en="Ready")
    StepFactory(routine=ready)
    empty = RoutineFactory(slug="empty", title_en="Empty")
    changelist = reverse("admin:routines_routine_changelist")

    response = editor.post(
        changelist,
        {"action": "publish", "_selected_action": [ready.pk, empty.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Published 1 routine." in page
    assert "“Empty” was not published: A routine needs at least one step" in page
    ready.refresh_from_db()
    empty.refresh_from_db()
    assert (ready.status, empty.status) == ("published", "draft")

    editor.post(changelist, {"action": "withdraw", "_selected_action": [ready.pk]})
    ready.refresh_from_db()
    assert ready.status == "draft"

    editor.post(changelist, {"action": "duplicate", "_selected_action": [ready.pk]})
    assert Routine.objects.get(slug="ready-copy").steps.count() == 1


def test_staff_without_publish_permission_cannot_publish(client):
    user = User.objects.create_user("viewer", password="a-long-passphrase", is_staff=True)
    user.user_permissions.add(*Group.objects.get(name="Editors").permissions.exclude(
        codename="publish_routine"
    ))  # fmt: skip
    client.force_login(user)
    routine = RoutineFactory(slug="ready")
    StepFactory(routine=routine)
    page = client.get(reverse("admin:routines_routine_changelist")).content.decode()
    assert 'value="publish"' not in page
    client.post(
        reverse("admin:routines_routine_changelist"),
        {"action": "publish", "_selected_action": [routine.pk]},
    )
    routine.refresh_from_db()
    assert routine.status == "draft"


def test_removing_every_step_of_a_published_routine_withdraws_it(editor):
    routine = RoutineFactory(slug="toes-only", title_en="Toes only")
    step = StepFactory(routine=routine)
    routine.publish()
    data = routine_form([], **{
        "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "1",
        "steps-0-id": str(step.pk), "steps-0-routine": str(routine.pk), "steps-0-DELETE": "on",
        **{f"steps-0-{k}": v for k, v in step_data(step.technique, []).items()},
    })  # fmt: skip
    response = editor.post(
        reverse("admin:routines_routine_change", args=[routine.pk]), data, follow=True
    )
    assert "was withdrawn and is a draft again" in response.content.decode()
    routine.refresh_from_db()
    assert routine.status == "draft" and routine.steps.count() == 0
