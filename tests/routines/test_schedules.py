"""Scheduled publishing: what an editor schedules goes live (or out) when its time comes, through
the same rules as the buttons, and the history says so (routines.schedules)."""

import select
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from routines.drafts import start_draft
from routines.models import Routine, Status
from routines.schedules import apply_due, schedule
from tests.factories import RoutineFactory, StepFactory, published_routine
from tests.servers import ROOT, child_environment

pytestmark = pytest.mark.django_db

SOON = timedelta(minutes=5)


@pytest.fixture
def scheduler():
    return User.objects.create_user("sam", password="a-long-passphrase", is_staff=True)


def a_draft(slug="dawn"):
    routine: Routine = RoutineFactory(slug=slug)
    StepFactory(routine=routine)
    return routine


def history(routine):
    return list(
        LogEntry.objects.filter(object_id=str(routine.pk)).values_list(
            "user__username", "change_message"
        )
    )


def test_a_draft_is_published_when_its_time_comes_and_not_before(scheduler):
    routine = a_draft()
    schedule(routine, scheduler, publish_at=timezone.now() + SOON, withdraw_at=None)
    assert apply_due() == []
    routine.refresh_from_db()
    assert routine.status == Status.DRAFT
    done = apply_due(timezone.now() + SOON)
    routine.refresh_from_db()
    assert [str(line) for line in done] == ["dawn: published as scheduled"]
    assert routine.status == Status.PUBLISHED and routine.publish_at is None
    assert history(routine) == [("sam", "Published as scheduled")]
    assert apply_due(timezone.now() + SOON) == []  # once


def test_a_draft_of_changes_is_published_over_its_routine(scheduler):
    live = published_routine("evening", steps=2)
    draft = start_draft(live)
    draft.title_en = "Evening, renewed"
    draft.save()
    schedule(draft, scheduler, publish_at=timezone.now() + SOON, withdraw_at=None)
    apply_due(timezone.now() + SOON)
    live.refresh_from_db()
    assert live.title_en == "Evening, renewed"
    assert not Routine.objects.filter(pk=draft.pk).exists()


def test_a_published_routine_is_withdrawn_when_its_time_comes(scheduler):
    live = published_routine("evening", steps=1)
    schedule(live, scheduler, publish_at=None, withdraw_at=timezone.now() + SOON)
    apply_due()
    live.refresh_from_db()
    assert live.is_published
    apply_due(timezone.now() + SOON)
    live.refresh_from_db()
    assert not live.is_published and live.withdraw_at is None
    assert history(live) == [("sam", "Withdrawn as scheduled")]


def test_an_unapproved_version_is_not_published_and_the_history_says_why(scheduler, settings):
    settings.REVIEW_REQUIRED = True
    routine = a_draft()
    schedule(routine, scheduler, publish_at=timezone.now() + SOON, withdraw_at=None)
    done = apply_due(timezone.now() + SOON)
    routine.refresh_from_db()
    assert routine.status == Status.DRAFT and routine.publish_at is None
    assert not done[0].done and "reviewer has not approved" in done[0].what
    ((who, message),) = history(routine)
    assert who == "sam" and message.startswith("Not published as scheduled: A reviewer")


def test_a_routine_that_breaks_a_rule_is_not_published(scheduler):
    routine: Routine = RoutineFactory(slug="empty")  # no steps: it may not be published
    schedule(routine, scheduler, publish_at=timezone.now() + SOON, withdraw_at=None)
    (done,) = apply_due(timezone.now() + SOON)
    routine.refresh_from_db()
    assert not done.done and routine.status == Status.DRAFT


@pytest.mark.parametrize(
    "case",
    ["past", "published routine, publish", "withdraw before publish", "draft of changes, withdraw"],
)
def test_a_meaningless_schedule_is_refused(scheduler, case):
    now = timezone.now()
    routine = a_draft()
    arguments = {
        "past": (routine, now - SOON, None),
        "published routine, publish": (published_routine("live", steps=1), now + SOON, None),
        "withdraw before publish": (routine, now + 2 * SOON, now + SOON),
        "draft of changes, withdraw": (
            start_draft(published_routine("live", steps=1)),
            None,
            now + SOON,
        ),
    }[case]
    target, publish_at, withdraw_at = arguments
    with pytest.raises(ValidationError):
        schedule(target, scheduler, publish_at=publish_at, withdraw_at=withdraw_at)
    target.refresh_from_db()
    assert (target.publish_at, target.withdraw_at) == (None, None)


def test_a_schedule_needs_no_new_approval(scheduler):
    from routines.versions import version

    routine = a_draft()
    before = version(routine)
    schedule(routine, scheduler, publish_at=timezone.now() + SOON, withdraw_at=None)
    assert version(Routine.objects.get(pk=routine.pk)) == before


def schedule_address(routine):
    return reverse("admin:routines_routine_schedule", args=[routine.pk])


def test_an_editor_schedules_and_cancels_in_the_admin(editor):
    routine = a_draft()
    when = timezone.localtime(timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    editor.post(
        schedule_address(routine),
        {"_schedule": "1", "scheduled_time": when.strftime("%Y-%m-%dT%H:%M")},
    )
    routine.refresh_from_db()
    assert routine.publish_at == when and routine.scheduled_by.username == "edith"
    page = editor.get(reverse("admin:routines_routine_change", args=[routine.pk]))
    assert "as scheduled" in page.content.decode()
    editor.post(schedule_address(routine), {"_unschedule": "1"})
    routine.refresh_from_db()
    assert routine.publish_at is None
    newest, oldest = [message for _, message in history(routine)]
    assert newest == "Cancelled the schedule"
    assert oldest.startswith("Scheduled to be published at")


@pytest.mark.parametrize("typed", ["", "tomorrow", "2027-13-45T10:00", "9" * 5000])
def test_a_time_that_is_no_time_is_a_plain_message(editor, typed):
    routine = a_draft()
    answer = editor.post(
        schedule_address(routine), {"_schedule": "1", "scheduled_time": typed}, follow=True
    )
    assert answer.status_code == 200
    assert "Give a date and time" in answer.content.decode()
    routine.refresh_from_db()
    assert routine.publish_at is None


def test_who_may_not_publish_may_not_schedule(client):
    # Staff who may change routines, but not publish them.
    writer = User.objects.create_user("wren", password="a-long-passphrase", is_staff=True)
    writer.user_permissions.add(Permission.objects.get(codename="change_routine"))
    client.force_login(writer)
    routine = a_draft()
    answer = client.post(
        schedule_address(routine), {"_schedule": "1", "scheduled_time": "2099-01-01T10:00"}
    )
    assert answer.status_code == 403
    routine.refresh_from_db()
    assert routine.publish_at is None


def sync_slugs(api):
    answer = api.get(reverse("v1:sync"))
    assert answer.status_code == 200
    return {item["slug"] for item in answer.json()["upserts"]["routines"]}


@pytest.mark.server
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_publishes_a_routine_at_its_time_and_the_sync_shows_it_then(api):
    routine = a_draft("at-dawn")
    when = timezone.now() + timedelta(seconds=4)
    schedule(routine, None, publish_at=when, withdraw_at=None)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "apply_schedules", "--every", "0.2"],
        cwd=ROOT, env=child_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        seen_before = False
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and worker.poll() is None:
            slugs = sync_slugs(api)
            if timezone.now() < when:
                assert "at-dawn" not in slugs, "published before its time"
                seen_before = True
            elif "at-dawn" in slugs:
                break
            time.sleep(0.2)
        else:
            pytest.fail("the worker did not publish the routine")
        assert seen_before
        assert timezone.now() >= when
        # The worker says what it did once the change is committed: a moment after readers
        # see it.
        assert worker.stdout is not None
        assert select.select([worker.stdout], [], [], 30)[0], "the worker said nothing"
        said = worker.stdout.readline().decode()
        assert said == "at-dawn: published as scheduled\n"
    finally:
        worker.terminate()
        worker.communicate(timeout=10)
