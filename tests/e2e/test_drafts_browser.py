"""An editor changes a step of a published routine in a real browser, with the editorial
workflow on: the routine's page is read-only, she edits a draft of changes, the API and the
sync keep serving the old step meanwhile; publishing waits for a reviewer, who approves the
draft in her own browser; then publishing swaps the change in, the app's delta is exactly that
change and the API names the reviewer."""

import pytest
from django.contrib.auth.models import Group, User

from routines import review
from routines.models import Routine
from tests.factories import AreaFactory, RoutineFactory, StepFactory, TechniqueFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LEAN = "/api/v1/sync/lean/"


@pytest.fixture
def published(settings):
    """A published routine of three steps and an editor, made before the browser starts
    (Playwright runs an event loop, where the ORM may not)."""
    settings.LIVE_EDITS_THROUGH_DRAFTS = True
    settings.REVIEW_REQUIRED = True
    user = User.objects.create_user("edith", password="a-long-passphrase", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    rita = User.objects.create_user(
        "rita", password="a-long-passphrase", is_staff=True, first_name="Rita", last_name="Gray"
    )
    rita.groups.add(Group.objects.get(name="Reviewers"))
    routine: Routine = RoutineFactory(slug="evening", title_en="Evening", title_ru="Вечер")
    technique, area = TechniqueFactory(), AreaFactory()
    for position in (1, 2, 3):
        StepFactory(routine=routine, position=position, technique=technique, area=area)
    review.approve(routine, rita, "nurse")
    routine.publish()
    return routine


def log_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "a-long-passphrase")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def steps_of(page, url: str) -> list[dict]:
    answer = page.request.get(f"{url}/api/v1/routines/evening/")
    assert answer.status == 200
    return answer.json()["steps"]


def lean_delta(page, url: str, token: str) -> dict:
    answer = page.request.get(f"{url}{LEAN}?token={token}")
    assert answer.status == 200
    return answer.json()


def test_a_step_changed_in_a_draft_reaches_readers_only_when_published(
    live_server, published, browser_page
):
    page, url = browser_page, live_server.url
    page.set_extra_http_headers({"Accept-Language": "en"})
    before = steps_of(page, url)
    token = page.request.get(f"{url}{LEAN}").json()["next_token"]

    log_in(page, url, "edith")
    page.goto(f"{url}/admin/routines/routine/{published.pk}/change/")
    # Readers have it: no Save, only a draft.
    assert page.locator("input[name=_save]").count() == 0
    page.click("input[name=_draft]")
    page.wait_for_selector(".draft-of-changes")
    assert "No changes yet." in page.inner_text(".publication-bar")

    page.select_option("#id_steps-1-pressure", "1")
    page.click("input[name=_continue]")
    page.wait_for_selector(".draft-differences")
    differences = page.inner_text(".draft-differences")
    assert "Step 2: pressure" in differences and "1 · feather" in differences

    # Saved in the draft; readers and the sync still have the published step.
    assert steps_of(page, url) == before
    delta = lean_delta(page, url, token)
    assert [items for items in delta["upserts"].values() if items] == []

    # Not without a reviewer's approval of this version.
    draft_page = page.url
    page.click("input[name=_publish]")
    page.wait_for_selector(".messagelist .error")
    assert "not approved this version" in page.inner_text(".messagelist")
    assert steps_of(page, url) == before

    # The reviewer, in her own browser, reads what changes and approves it.
    reviewer = page.context.browser.new_page()
    log_in(reviewer, url, "rita")
    reviewer.goto(draft_page)
    assert "Step 2: pressure" in reviewer.inner_text(".draft-differences")
    assert reviewer.locator("input[name=_save]").count() == 0  # she reads; she does not edit
    reviewer.fill("input[name=review_role]", "podiatrist")
    reviewer.click("input[name=_approve]")
    reviewer.wait_for_selector(".messagelist .success")
    assert "Approved by Rita Gray (podiatrist)" in reviewer.inner_text(".review-state")

    page.goto(draft_page)
    page.click("input[name=_publish]")
    page.wait_for_selector(".messagelist .success")
    assert f"/admin/routines/routine/{published.pk}/change/" in page.url
    assert "Approved by Rita Gray (podiatrist)" in page.inner_text(".review-state")

    after = steps_of(page, url)
    assert after[1]["pressure"]["value"] == 1
    answer = page.request.get(f"{url}/api/v1/routines/evening/").json()
    assert answer["review"]["reviewer"] == {"name": "Rita Gray", "role": "podiatrist"}
    assert [step | {"pressure": None} for step in after] == [
        step | {"pressure": None} for step in before
    ]  # the same steps, ids included: only that pressure changed
    delta = lean_delta(page, url, token)
    changed = {name: items for name, items in delta["upserts"].items() if items}
    assert list(changed) == ["routines"]
    assert [routine["slug"] for routine in changed["routines"]] == ["evening"]
    assert changed["routines"][0]["steps"][1]["pressure"]["value"] == 1
    assert delta["deletions"] == []
