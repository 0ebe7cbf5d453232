"""The safety screen's draft of changes and its review: readers keep the screen they have until a
draft, approved while review is required, is published over it (routines.drafts)."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from footcare.content.journal import version
from routines import review
from routines.drafts import (
    discard_screen_draft,
    publish_screen_draft,
    screen_differences,
    start_screen_draft,
)
from routines.models import SafetyScreen
from routines.versions import screen_version
from tests.factories import published_routine

pytestmark = pytest.mark.django_db

SAFETY = reverse("v1:safety")


def disclaimer(api):
    return api.get(SAFETY).json()["disclaimer"]


@pytest.fixture
def reviewer():
    clinician = User.objects.create_user(
        "rita", password="a-long-passphrase", is_staff=True, first_name="Rita", last_name="Ng"
    )
    clinician.groups.add(Group.objects.get(name="Reviewers"))
    return clinician


def test_readers_keep_the_screen_until_its_draft_is_published(api):
    before = disclaimer(api)
    draft = start_screen_draft()
    assert draft.is_draft and draft.pk == SafetyScreen.DRAFT
    assert start_screen_draft() == draft  # one draft
    position = version().position
    draft.disclaimer_en = "Massage relaxes; it does not diagnose."
    draft.save()
    assert version().position == position  # readers saw nothing change
    assert disclaimer(api) == before
    assert [d.where for d in screen_differences(draft)] == ["disclaimer [en]"]
    publish_screen_draft()
    assert disclaimer(api) == "Massage relaxes; it does not diagnose."
    assert list(SafetyScreen.objects.values_list("pk", flat=True)) == [SafetyScreen.LIVE]


def test_discarding_leaves_readers_screen_as_it_was(api):
    before = disclaimer(api)
    draft = start_screen_draft()
    draft.disclaimer_en = "Never mind."
    draft.save()
    discard_screen_draft()
    assert disclaimer(api) == before and SafetyScreen.objects.count() == 1


def test_with_review_required_only_an_approved_version_is_published(api, settings, reviewer):
    settings.REVIEW_REQUIRED = True
    draft = start_screen_draft()
    draft.when_to_stop_en = "Stop at once if it hurts, and see a doctor if it goes on."
    draft.save()
    with pytest.raises(ValidationError, match="not approved"):
        publish_screen_draft()
    review.approve(draft, reviewer, "podiatrist")
    # A change after the approval needs a new one.
    draft.when_to_stop_en += " Call the emergency number for chest pain."
    draft.save()
    with pytest.raises(ValidationError):
        publish_screen_draft()
    review.approve(SafetyScreen.objects.get(pk=SafetyScreen.DRAFT), reviewer, "podiatrist")
    publish_screen_draft()
    answer = api.get(SAFETY).json()
    assert answer["when_to_stop"].endswith("chest pain.")
    assert answer["review"]["reviewer"] == {"name": "Rita Ng", "role": "podiatrist"}


def test_texts_changed_after_the_approval_drop_it(api, reviewer):
    draft = start_screen_draft()
    review.approve(draft, reviewer, "nurse")
    publish_screen_draft()
    assert api.get(SAFETY).json()["review"]["reviewer"]["role"] == "nurse"
    screen = SafetyScreen.objects.get(pk=SafetyScreen.LIVE)
    screen.aftercare_en = "A script changed this."
    screen.save()
    assert api.get(SAFETY).json()["review"] is None


def test_a_draft_may_lack_text_but_cannot_be_published_without_it():
    published_routine("calm", steps=1)  # routines rely on the screen
    draft = start_screen_draft()
    draft.aftercare_ru = ""
    draft.save()  # a draft is work in progress
    with pytest.raises(ValidationError, match="aftercare_ru"):
        publish_screen_draft()
    assert SafetyScreen.objects.get(pk=SafetyScreen.LIVE).aftercare_ru


def test_the_editor_drafts_and_publishes_in_the_admin(editor, settings, api):
    settings.LIVE_EDITS_THROUGH_DRAFTS = True
    live_page = reverse("admin:routines_safetyscreen_change", args=[SafetyScreen.LIVE])
    html = editor.get(live_page).content.decode()
    assert "Edit in a draft" in html and 'name="_save"' not in html  # read-only
    started = editor.post(reverse("admin:routines_safetyscreen_draft"))
    draft_page = reverse("admin:routines_safetyscreen_change", args=[SafetyScreen.DRAFT])
    assert started["Location"] == draft_page
    form = editor.get(draft_page).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"disclaimer_en": "Edited in a draft.", "_publish": "1"}
    editor.post(draft_page, data)
    assert disclaimer(api) == "Edited in a draft."
    assert not SafetyScreen.objects.filter(pk=SafetyScreen.DRAFT).exists()


def test_only_reviewers_approve(editor, reviewer):
    start_screen_draft()
    approve = reverse("admin:routines_safetyscreen_approve")
    assert editor.post(approve, {"review_role": "editor"}).status_code == 403
    clinician = Client()
    clinician.force_login(reviewer)
    clinician.post(approve, {"review_role": "physiotherapist"})
    draft = SafetyScreen.objects.get(pk=SafetyScreen.DRAFT)
    approval = review.latest_screen_approval()
    assert approval is not None and approval.reviewer == reviewer
    assert approval.version == screen_version(draft)
    assert draft.approval is None  # an approval is kept apart; the draft carries none
