"""A reviewer's sign-off (routines.review): with review required, a routine is published only
once a reviewer approved that exact version, on every path; an editor does not approve her
own change; the approval is recorded with who, when and which version."""

import io
import re

import pytest
import reversion
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from footcare.content.guards import UnsafeChange
from routines import review
from routines.content.pack import awaits_review
from routines.drafts import publish_draft, start_draft
from routines.models import Approval, Routine, Status
from routines.permissions import CONTENT_APPS
from routines.versions import version
from tests.admin_forms import revision_form_data
from tests.factories import RoutineFactory, StepFactory, published_routine
from tests.test_dashboard import dashboard, listing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _review_required(settings):
    settings.REVIEW_REQUIRED = True


def reviewer_account(name: str = "rita") -> User:
    user = User.objects.create_user(
        name, password="a-long-passphrase", is_staff=True, first_name="Rita", last_name="Gray"
    )
    user.groups.add(Group.objects.get(name="Reviewers"))
    return user


@pytest.fixture
def rita() -> User:
    return reviewer_account()


@pytest.fixture
def ready() -> Routine:
    """A draft routine that is safe and complete: only the review stands in its way."""
    routine: Routine = RoutineFactory(slug="morning")
    for _ in range(2):
        StepFactory(routine=routine)
    return routine


def test_the_roles_are_apart():
    codenames = {
        name: set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        for name in ("Editors", "Reviewers")
    }
    assert "review_routine" in codenames["Reviewers"]
    assert "review_routine" not in codenames["Editors"]
    assert {codename.split("_", 1)[0] for codename in codenames["Reviewers"]} == {
        "view",
        "review",
    }


def test_reviewers_read_every_content_model_also_one_added_after_their_migration():
    """The Reviewers' migration gave them the models of its day; a database upgraded from
    then lacked the views of area shapes and preview links, which a new one had."""
    reviewers = Group.objects.get(name="Reviewers")
    later = reviewers.permissions.filter(codename__in=["view_areashape", "view_previewlink"])
    assert later.count() == 2
    reviewers.permissions.remove(*later)  # as a database migrated before those models was left
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    views = set(reviewers.permissions.values_list("content_type__model", "codename"))
    every_model = {
        (model._meta.model_name, f"view_{model._meta.model_name}")
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
    }
    assert every_model <= views


def test_an_unapproved_routine_is_not_published(ready):
    with pytest.raises(ValidationError, match="not approved this version"):
        ready.publish()
    ready.refresh_from_db()
    assert ready.status == Status.DRAFT


def test_an_approved_version_is_published_with_its_approval(ready, rita):
    approval = review.approve(ready, rita, "podiatrist", "Gentle enough.")
    assert (approval.routine, approval.version) == (ready, version(ready))
    assert (approval.reviewer_name, approval.reviewer_role) == ("Rita Gray", "podiatrist")
    ready.publish()
    ready.refresh_from_db()
    assert ready.is_published and ready.approval == approval


def test_the_api_says_who_checked_the_routine_readers_have(api, ready, rita):
    approval = review.approve(ready, rita, "podiatrist")
    ready.publish()
    expected = {
        "reviewed_at": approval.approved_at.isoformat().replace("+00:00", "Z"),
        "reviewer": {"name": "Rita Gray", "role": "podiatrist"},
    }
    assert api.get(reverse("v1:routine-detail", args=[ready.slug])).json()["review"] == expected
    listed = api.get(reverse("v1:routine-list")).json()["results"]
    assert [item["review"] for item in listed] == [expected]


def test_a_routine_published_without_review_says_so(api, settings, ready):
    settings.REVIEW_REQUIRED = False
    ready.publish()
    assert api.get(reverse("v1:routine-detail", args=[ready.slug])).json()["review"] is None


def test_a_change_after_the_approval_needs_a_new_one(ready, rita):
    review.approve(ready, rita, "podiatrist")
    step = ready.steps.get(position=1)
    step.duration_seconds += 30
    step.save()
    with pytest.raises(ValidationError):
        ready.publish()
    review.approve(ready, rita, "podiatrist")
    ready.publish()
    assert Approval.objects.filter(routine=ready).count() == 2


def test_a_change_to_a_published_routine_outside_review_drops_its_approval(api, ready, rita):
    review.approve(ready, rita, "podiatrist")
    ready.publish()
    ready.forget_stale_approval()  # nothing changed: the approval stands
    assert Routine.objects.get(pk=ready.pk).approval is not None
    step = ready.steps.get(position=1)
    step.duration_seconds += 30
    step.save()  # a correction the pack loader brings, or an edit without the workflow
    ready.forget_stale_approval()
    answer = api.get(reverse("v1:routine-detail", args=[ready.slug])).json()
    assert answer["review"] is None
    assert Approval.objects.filter(routine=ready).exists()  # the record stays


def test_publishing_a_draft_twice_changes_nothing_the_second_time(settings, rita):
    settings.REVIEW_REQUIRED = False
    live = published_routine("twice", steps=2)
    draft = start_draft(live)
    stale = Routine.objects.get(pk=draft.pk)
    publish_draft(draft)
    with pytest.raises(ValidationError, match="already published or discarded"):
        publish_draft(stale)
    assert live.steps.count() == 2


def test_a_script_that_sets_the_status_itself_is_refused(ready):
    ready.status = Status.PUBLISHED
    with pytest.raises(UnsafeChange):
        ready.save()
    with pytest.raises(ValidationError):
        RoutineFactory(slug="born-published", status=Status.PUBLISHED)


def test_a_draft_of_changes_is_approved_for_its_routine_and_published_with_it(settings, rita):
    settings.REVIEW_REQUIRED = False
    live = published_routine("evening", steps=2)
    settings.REVIEW_REQUIRED = True
    draft = start_draft(live)
    draft.title_en = "Evening, rewritten"
    draft.save()
    with pytest.raises(ValidationError):
        publish_draft(draft)
    approval = review.approve(draft, rita, "nurse")
    assert approval.routine == live  # the routine readers will have, not the draft's row
    draft.title_en = "Evening, rewritten again"
    draft.save()
    with pytest.raises(ValidationError):
        publish_draft(draft)  # changed since the approval
    second = review.approve(draft, rita, "nurse")
    published = publish_draft(draft)
    assert published.approval == second and published.title_en == "Evening, rewritten again"


def test_only_a_reviewer_approves_and_never_her_own_change(ready, rita, settings):
    editor = User.objects.create_user("edith", password="a-long-passphrase", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    with pytest.raises(PermissionDenied):
        review.approve(ready, editor, "editor")
    with pytest.raises(ValidationError, match="Say what you are"):
        review.approve(ready, rita, "  ")
    both = reviewer_account("bea")
    both.groups.add(Group.objects.get(name="Editors"))
    with reversion.create_revision():
        reversion.set_user(both)
        ready.title_en = "Her change"
        ready.save()
    with pytest.raises(ValidationError, match="last change"):
        review.approve(ready, both, "podiatrist")
    settings.REVIEW_SELF_APPROVAL = True
    assert review.approve(ready, both, "podiatrist").reviewer == both
    assert review.approve(ready, rita, "podiatrist").reviewer == rita


def test_awaits_review_until_this_version_is_approved(ready, rita):
    assert awaits_review(ready)
    review.approve(ready, rita, "podiatrist")
    assert not awaits_review(ready)


@pytest.mark.slow  # loads the whole pack into an empty database: about 10 s
@pytest.mark.bare_safety  # the pack brings its own safety screen
def test_the_pack_loader_leaves_its_routines_for_a_reviewer():
    out = io.StringIO()
    call_command("load_content", stdout=out)
    assert not Routine.objects.published().exists()
    reported = re.search(r"(\d+) routines waiting for a reviewer", out.getvalue())
    assert reported is not None and int(reported.group(1)) > 10
    assert "routines published" not in out.getvalue()


class TestAdmin:
    def change(self, routine):
        return reverse("admin:routines_routine_change", args=[routine.pk])

    def test_publishing_from_the_editor_or_the_list_is_refused_without_approval(
        self, editor, ready
    ):
        page = editor.get(self.change(ready))
        assert "Not approved yet" in page.content.decode()
        data = revision_form_data(page) | {"_publish": "Save and publish"}
        answer = editor.post(self.change(ready), data, follow=True)
        assert "not approved this version" in answer.content.decode()
        listing = reverse("admin:routines_routine_changelist")
        editor.post(listing, {"action": "publish", "_selected_action": [ready.pk]})
        ready.refresh_from_db()
        assert ready.status == Status.DRAFT

    def test_a_reviewer_approves_from_the_page_and_the_editor_publishes(self, editor, ready, rita):
        client = Client()
        client.force_login(rita)
        page = client.get(self.change(ready)).content.decode()
        assert 'name="_save"' not in page  # she reads; she does not edit
        approve = reverse("admin:routines_routine_approve", args=[ready.pk])
        assert approve in page
        answer = client.post(approve, {"review_role": "podiatrist", "review_comment": "Fine."})
        assert answer["Location"] == self.change(ready)
        assert (
            "Approved by Rita Gray (podiatrist)" in client.get(self.change(ready)).content.decode()
        )
        editor.post(
            reverse("admin:routines_routine_changelist"),
            {"action": "publish", "_selected_action": [ready.pk]},
        )
        ready.refresh_from_db()
        assert ready.is_published and ready.approval.reviewer == rita

    def test_an_editor_cannot_approve(self, editor, ready):
        approve = reverse("admin:routines_routine_approve", args=[ready.pk])
        editor.post(approve, {"review_role": "editor"})
        assert not Approval.objects.exists()


def test_the_dashboard_lists_what_waits_for_a_reviewer_in_fixed_queries(editor, ready, rita):
    approved: Routine = RoutineFactory(slug="approved")
    StepFactory(routine=approved)
    review.approve(approved, rita, "podiatrist")
    board, html = dashboard(editor)
    assert [entry.label for entry in listing(board, "review").entries] == [str(ready)]
    assert "Waiting for a reviewer" in html
    with CaptureQueriesContext(connection) as few:
        dashboard(editor)
    for number in range(5):
        StepFactory(routine=RoutineFactory(slug=f"more-{number}"))
    with CaptureQueriesContext(connection) as many:
        board, _html = dashboard(editor)
    assert len(listing(board, "review").entries) == 6
    assert len(many) == len(few)


def test_who_published_approved_and_withdrew_is_in_the_admins_log(editor, ready, rita):
    reviewer = Client()
    reviewer.force_login(rita)
    reviewer.post(
        reverse("admin:routines_routine_approve", args=[ready.pk]), {"review_role": "podiatrist"}
    )
    listing = reverse("admin:routines_routine_changelist")
    editor.post(listing, {"action": "publish", "_selected_action": [ready.pk]})
    editor.post(listing, {"action": "withdraw", "_selected_action": [ready.pk]})
    entries = LogEntry.objects.filter(object_id=str(ready.pk)).order_by("pk")
    assert [(entry.user.username, entry.change_message) for entry in entries] == [
        ("rita", f"Approved for readers: {Approval.objects.get()}"),
        ("edith", "Published"),
        ("edith", "Withdrawn"),
    ]
