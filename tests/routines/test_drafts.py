"""Drafts of changes to a published routine: readers keep the published routine, whole, until
the draft is published over it in one go (routines.drafts, the routine admin)."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routines.content.pack import export_pack
from routines.drafts import differences, discard_draft, publish_draft, start_draft
from routines.models import Routine, Status, Step
from tests.admin_forms import revision_form_data
from tests.api.test_lean_sync import lean
from tests.factories import ZoneFactory, published_routine
from zones.models import Zone

pytestmark = pytest.mark.django_db

DETAIL = "v1:routine-detail"


@pytest.fixture
def live():
    return published_routine("evening", steps=3)


def detail(api, slug):
    return api.get(reverse(DETAIL, args=[slug]))


def step_titles(api, slug):
    return [step["title"] for step in detail(api, slug).json()["steps"]]


def test_a_draft_copies_the_routine_its_links_and_its_steps(live):
    zone = ZoneFactory(slug="webs")
    live.steps.get(position=1).zones.set([zone])
    draft = start_draft(live)
    assert draft.draft_of == live and draft.status == Status.DRAFT
    assert (draft.title_en, draft.summary_ru) == (live.title_en, live.summary_ru)
    assert draft.uuid != live.uuid and draft.slug != live.slug
    pairs = list(draft.steps.order_by("position").values_list("original_id", "title_en"))
    assert pairs == list(live.steps.order_by("position").values_list("pk", "title_en"))
    assert list(draft.steps.get(position=1).zones.all()) == [zone]
    assert differences(draft) == []
    # Asked again, the editor gets the same draft, not a second one.
    assert start_draft(live) == draft


def test_only_a_published_routine_gets_a_draft(live):
    live.withdraw()
    with pytest.raises(ValidationError):
        start_draft(live)


def test_readers_keep_the_published_routine_while_its_draft_changes(api, live):
    before = step_titles(api, live.slug)
    token = lean(api).json()["next_token"]
    draft = start_draft(live)
    step = draft.steps.get(position=1)
    step.title_en = "Half a rewrite"
    step.save()
    draft.title_en = "Evening, rewritten"
    draft.save()
    assert step_titles(api, live.slug) == before
    assert detail(api, live.slug).json()["title"] == live.title_en
    assert detail(api, draft.slug).status_code == 404
    delta = lean(api, token).json()
    assert [items for items in delta["upserts"].values() if items] == []
    assert delta["deletions"] == []


def test_publishing_the_draft_swaps_it_in_whole_and_keeps_the_ids(api, live):
    token = lean(api).json()["next_token"]
    kept, removed, edited = live.steps.order_by("position")
    draft = start_draft(live)
    draft.title_en = "Evening, rewritten"
    draft.save()
    copies = {step.original_id: step for step in draft.steps.all()}
    copies[edited.pk].title_en = "Slower now"
    copies[edited.pk].save()
    copies[removed.pk].delete()
    added = Step.objects.create(
        routine=draft,
        title_en="New last step",
        title_ru="Новый шаг",
        instruction_en="Rest.",
        instruction_ru="Отдохните.",
        technique=kept.technique,
        foot="both",
        area=kept.area,
        pressure=1,
        duration_seconds=30,
        repetitions=1,
    )
    assert {difference.where for difference in differences(draft)} >= {
        "title [en]",
        "Step 3",  # removed: the draft's third step is the one added
        "Step 2: title [en]",
    }

    published = publish_draft(draft)

    assert published.pk == live.pk and published.uuid == live.uuid
    assert not Routine.objects.filter(pk=draft.pk).exists()
    answer = detail(api, live.slug).json()
    assert answer["title"] == "Evening, rewritten"
    assert [(step["id"], step["title"]) for step in answer["steps"]] == [
        (str(kept.uuid), kept.title_en),
        (str(edited.uuid), "Slower now"),
        (answer["steps"][2]["id"], added.title_en),
    ]
    assert answer["steps"][2]["id"] not in {str(added.uuid), str(removed.uuid)}
    # The app's delta is that one routine, changed.
    delta = lean(api, token).json()
    changed = {name: items for name, items in delta["upserts"].items() if items}
    assert list(changed) == ["routines"]
    assert [item["slug"] for item in changed["routines"]] == [live.slug]


def test_a_draft_that_would_break_a_safety_rule_is_refused_and_changes_nothing(api, live):
    before = detail(api, live.slug).json()
    draft = start_draft(live)
    tender: Zone = ZoneFactory(slug="tender", max_pressure=1, recommended_pressure=1)
    step = draft.steps.get(position=1)
    step.zones.set([tender])  # its pressure, 2, is above the zone's limit
    with pytest.raises(ValidationError):
        publish_draft(draft)
    assert detail(api, live.slug).json() == before
    assert Routine.objects.filter(pk=draft.pk).exists()  # the editor's work is kept


def test_discarding_a_draft_leaves_the_routine_as_readers_have_it(api, live):
    before = detail(api, live.slug).json()
    draft = start_draft(live)
    draft.title_en = "Never mind"
    draft.save()
    discard_draft(draft)
    assert detail(api, live.slug).json() == before
    assert not Routine.objects.filter(draft_of=live).exists()


def test_no_path_publishes_a_draft_of_changes_itself(live):
    draft = start_draft(live)
    with pytest.raises(ValidationError):
        draft.publish()
    # Not even a script that sets the status by hand, or a restore from history.
    with pytest.raises(IntegrityError), transaction.atomic():
        Routine.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)


def test_a_duplicated_draft_is_a_routine_of_its_own(live):
    copy = start_draft(live).duplicate()
    assert copy.draft_of is None
    assert not copy.steps.filter(original__isnull=False).exists()


def test_the_pack_export_leaves_drafts_of_changes_out(live):
    start_draft(live)
    slugs = [item["slug"] for item in export_pack()["02_routines.yaml"]["routines"]]
    assert slugs == [live.slug]


class TestAdmin:
    """The routine editor, with the editorial workflow on (production's default)."""

    @pytest.fixture(autouse=True)
    def _workflow(self, settings):
        settings.LIVE_EDITS_THROUGH_DRAFTS = True

    def change(self, routine):
        return reverse("admin:routines_routine_change", args=[routine.pk])

    def test_a_published_routine_is_read_only_and_offers_a_draft(self, editor, live):
        page = editor.get(self.change(live))
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        assert reverse("admin:routines_routine_draft", args=[live.pk]) in page.content.decode()
        refused = editor.post(self.change(live), {"title_en": "Direct edit"})
        assert refused.status_code == 403
        live.refresh_from_db()
        assert live.title_en != "Direct edit"

    def test_edit_in_a_draft_opens_one_draft(self, editor, live):
        url = reverse("admin:routines_routine_draft", args=[live.pk])
        assert editor.get(url).status_code == 405  # a change: POST only
        first = editor.post(url)
        draft = Routine.objects.get(draft_of=live)
        assert first["Location"] == self.change(draft)
        assert editor.post(url)["Location"] == self.change(draft)
        page = editor.get(self.change(live)).content.decode()
        assert "Open the draft of changes" in page

    def test_the_draft_page_shows_what_differs_and_publishes_it(self, editor, live):
        draft = start_draft(live)
        draft.title_en = "Evening, rewritten"
        draft.save()
        page = editor.get(self.change(draft))
        text = page.content.decode()
        assert "Evening, rewritten" in text and "What publishing changes" in text
        data = revision_form_data(page)
        data["_publish"] = "Save and publish the changes"
        answer = editor.post(self.change(draft), data)
        assert answer.status_code == 302 and answer["Location"] == self.change(live)
        live.refresh_from_db()
        assert live.title_en == "Evening, rewritten" and live.is_published
        assert not Routine.objects.filter(pk=draft.pk).exists()

    def test_discard_goes_back_to_the_routine_unchanged(self, editor, live):
        draft = start_draft(live)
        data = revision_form_data(editor.get(self.change(draft)))
        data["title_en"] = "Thrown away"
        data["_discard"] = "Discard the draft"
        answer = editor.post(self.change(draft), data)
        assert answer["Location"] == self.change(live)
        live.refresh_from_db()
        assert live.title_en != "Thrown away"
        assert not Routine.objects.filter(draft_of=live).exists()

    def test_without_the_publish_permission_a_draft_is_saved_not_published(self, client, live):
        user = User.objects.create_user("writer", password="a-long-passphrase", is_staff=True)
        user.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="routines",
                codename__in=[
                    f"{verb}_{model}"
                    for verb in ("view", "change")
                    for model in ("routine", "step")
                ],
            )
        )
        client.force_login(user)
        draft = start_draft(live)
        data = revision_form_data(client.get(self.change(draft)))
        data["title_en"] = "Saved only"
        data["_publish"] = "Save and publish the changes"
        client.post(self.change(draft), data)
        draft.refresh_from_db()
        live.refresh_from_db()
        assert draft.title_en == "Saved only" and live.title_en != "Saved only"


def test_the_routine_list_names_drafts_without_a_query_per_row(editor, live):
    listing = reverse("admin:routines_routine_changelist")
    start_draft(live)
    editor.get(listing)  # what stays cached (content types, the session)
    with CaptureQueriesContext(connection) as few:
        page = editor.get(listing).content.decode()
    assert "Published, with a draft of changes" in page and "Draft of changes to" in page
    for number in range(3):
        start_draft(published_routine(f"more-{number}", steps=1))
    with CaptureQueriesContext(connection) as many:
        editor.get(listing)
    assert len(many) == len(few)


class TestWhoMayDoWhat:
    """The draft and approve addresses refuse every account that may not use them."""

    @pytest.fixture(autouse=True)
    def _workflow(self, settings):
        settings.LIVE_EDITS_THROUGH_DRAFTS = True

    def test_anonymous_visitors_are_sent_to_log_in(self, client, live):
        for name in ("routines_routine_draft", "routines_routine_approve"):
            answer = client.post(reverse(f"admin:{name}", args=[live.pk]))
            assert answer.status_code == 302 and "/admin/login/" in answer["Location"], name
        assert not Routine.objects.filter(draft_of=live).exists()

    def test_a_reader_of_routines_may_neither_draft_nor_approve(self, client, live):
        user = User.objects.create_user("vera", password="a-long-passphrase", is_staff=True)
        user.user_permissions.set(Permission.objects.filter(codename="view_routine"))
        client.force_login(user)
        draft = client.post(reverse("admin:routines_routine_draft", args=[live.pk]))
        assert draft.status_code == 403
        client.post(
            reverse("admin:routines_routine_approve", args=[live.pk]), {"review_role": "nurse"}
        )
        assert not Routine.objects.filter(draft_of=live).exists()
        assert not live.approvals.exists()

    def test_unknown_routines_are_404_and_a_get_changes_nothing(self, editor, live):
        assert (
            editor.post(reverse("admin:routines_routine_draft", args=[999999])).status_code == 404
        )
        assert (
            editor.get(reverse("admin:routines_routine_approve", args=[live.pk])).status_code == 405
        )
        assert (
            editor.get(reverse("admin:routines_routine_draft", args=[live.pk])).status_code == 405
        )
        assert not Routine.objects.filter(draft_of=live).exists()

    def test_a_draft_of_a_draft_is_refused_in_plain_words(self, editor, live):
        draft = start_draft(live)
        answer = editor.post(reverse("admin:routines_routine_draft", args=[draft.pk]), follow=True)
        assert "is not published: edit it as it is" in answer.content.decode()
        assert Routine.objects.filter(draft_of=draft).count() == 0
