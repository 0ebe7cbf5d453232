"""The routine's change page: its Publish / Withdraw / Duplicate buttons, what stands in the way
of publishing said on the page, and the preview of the routine as the app plays it."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from routines.admin.preview import routine_preview
from routines.models import Routine
from routines.player import timeline
from tests.factories import AreaFactory, RoutineFactory, StepFactory, ZoneFactory
from tests.routines.test_admin import routine_form, step_data

pytestmark = pytest.mark.django_db


def saved_form(routine, **buttons: str) -> dict:
    """The change form of a saved routine as the browser posts it, unchanged, plus buttons."""
    steps = list(routine.steps.order_by("position"))
    data = routine_form(
        [],
        slug=routine.slug,
        title_en=routine.title_en,
        title_ru=routine.title_ru,
        **{"steps-TOTAL_FORMS": str(len(steps)), "steps-INITIAL_FORMS": str(len(steps))},
        **buttons,
    )
    for index, step in enumerate(steps):
        values = step_data(
            step.technique,
            list(step.zones.all()),
            title=step.title_en,
            foot=step.foot,
            pressure=str(step.pressure),
            seconds=str(step.duration_seconds),
            order=step.position,
            area=step.area,
        )
        values |= {"id": str(step.pk), "routine": str(routine.pk)}
        data |= {f"steps-{index}-{key}": value for key, value in values.items()}
    return data


def change_url(routine) -> str:
    return reverse("admin:routines_routine_change", args=[routine.pk])


@pytest.fixture
def ready():
    routine = RoutineFactory(slug="ready", title_en="Ready")
    StepFactory(routine=routine, position=1)
    return routine


def test_publish_button_saves_then_publishes(editor, ready):
    data = saved_form(ready, _publish="Save and publish")
    data["summary_en"] = "Edited before publishing."
    response = editor.post(change_url(ready), data)
    assert response.status_code == 302
    assert response["Location"] == change_url(ready)  # stays on the page
    ready.refresh_from_db()
    assert (ready.status, ready.summary_en) == ("published", "Edited before publishing.")
    page = editor.get(change_url(ready)).content.decode()
    assert 'name="_withdraw"' in page and 'name="_publish"' not in page


def test_what_stands_in_the_way_is_on_the_page_and_publishing_is_refused(editor):
    empty: Routine = RoutineFactory(slug="empty", title_en="Empty")
    page = editor.get(change_url(empty)).content.decode()
    assert "Before it can be published:" in page
    assert "A routine needs at least one step before it can be published." in page

    response = editor.post(change_url(empty), saved_form(empty, _publish="1"), follow=True)
    assert "“Empty” was not published: A routine needs at least one step" in (
        response.content.decode()
    )
    assert "is a draft again" not in response.content.decode()
    empty.refresh_from_db()
    assert empty.status == "draft"


def test_withdraw_button(editor, ready):
    ready.publish()
    editor.post(change_url(ready), saved_form(ready, _withdraw="1"))
    ready.refresh_from_db()
    assert ready.status == "draft"


def test_duplicate_button_opens_the_copy(editor, ready):
    response = editor.post(change_url(ready), saved_form(ready, _duplicate="1"))
    copy = Routine.objects.get(slug="ready-copy")
    assert response["Location"] == change_url(copy)
    assert (copy.status, copy.steps.count()) == ("draft", 1)


def test_without_the_publish_permission_the_buttons_are_absent_and_refused(client, ready):
    user = User.objects.create_user("viewer", password="a-long-passphrase", is_staff=True)
    user.user_permissions.add(
        *Group.objects.get(name="Editors").permissions.exclude(codename="publish_routine")
    )
    client.force_login(user)
    page = client.get(change_url(ready)).content.decode()
    assert 'name="_publish"' not in page
    response = client.post(change_url(ready), saved_form(ready, _publish="1"), follow=True)
    assert "you may not publish" in response.content.decode()
    ready.refresh_from_db()
    assert ready.status == "draft"


def test_an_unsafe_step_is_refused_on_its_own_row(editor, ready):
    webs = ZoneFactory(
        slug="webs", name_en="Between the toes", recommended_pressure=1, max_pressure=2
    )
    data = saved_form(ready)
    data |= {"steps-0-zones": [str(webs.pk)], "steps-0-pressure": "4", "steps-0-area": ""}
    response = editor.post(change_url(ready), data)
    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    row = page[page.index('id="steps-0"') : page.index("</tr>", page.index('id="steps-0"'))]
    assert "Between the toes allows at most pressure 2 (light)" in row


def test_a_step_missing_a_language_is_marked_in_its_row(editor):
    routine: Routine = RoutineFactory(slug="half")
    StepFactory(routine=routine, title_ru="", instruction_ru="")
    page = editor.get(change_url(routine)).content.decode()
    assert '<span class="step-missing"' in page and "○ RU" in page


def test_preview_follows_the_players_timeline_and_names_the_zones(ready):
    heel = ZoneFactory(slug="heel", name_en="Heel", max_pressure=3)
    second = StepFactory(routine=ready, position=2, duration_seconds=30, area=AreaFactory())
    second.zones.set([heel])
    preview = routine_preview(ready)
    steps = list(ready.steps.order_by("position"))
    assert [(s["starts"], s["ends"]) for s in preview["steps"]] == [
        (entry.starts_at_seconds, entry.ends_at_seconds) for entry in timeline(steps)
    ]
    assert preview["steps"][1]["zones"] == ["heel"]
    assert preview["steps"][1]["cues"][0]["at"] == 0


def test_the_change_page_costs_a_bounded_number_of_queries_per_step(editor, ready):
    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert editor.get(change_url(ready)).status_code == 200
        return len(captured)

    before = queries()
    for position in range(2, 7):
        StepFactory(routine=ready, position=position)
    # Each step's row renders its technique and area boxes (Django's autocomplete asks for the
    # chosen option), so rows add a bounded, per-row cost; the safety and preview add none.
    assert queries() - before <= 5 * 3
