"""Preview links: a device sees a draft in the published API's shape; readers never do, no cache
keeps it, and an expired or revoked link shows nothing (routines.preview_links)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from footcare.edge.tree import write_tree
from routines import preview_links
from routines.drafts import discard_draft, publish_draft, start_draft
from routines.models import PreviewLink, Routine
from tests.factories import RoutineFactory, StepFactory, published_routine

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_of_changes():
    live = published_routine("evening", steps=2)
    draft = start_draft(live)
    step = draft.steps.get(position=1)
    step.title_en = "Stroke the arch slowly"
    step.save()
    return draft


def preview(api, link, **headers):
    return api.get(reverse("v1:preview", kwargs={"token": preview_links.token(link)}), **headers)


def first_step(answer):
    return answer.json()["steps"][0]["title"]


def test_a_link_shows_the_draft_as_readers_will_get_it(api, draft_of_changes):
    live = draft_of_changes.draft_of
    published = api.get(reverse("v1:routine-detail", args=[live.slug]))
    shown = preview(api, preview_links.issue(draft_of_changes, None))
    assert shown.status_code == 200
    assert first_step(shown) == "Stroke the arch slowly"
    # The published routine's shape, id and address: the app shows it where it will be.
    assert shown.json().keys() == published.json().keys()
    assert (shown.json()["id"], shown.json()["slug"]) == (str(live.uuid), live.slug)
    # Readers still get the published step.
    assert first_step(published) != "Stroke the arch slowly"
    assert first_step(api.get(reverse("v1:routine-detail", args=[live.slug]))) == first_step(
        published
    )


def test_a_routine_never_published_is_previewed_and_stays_out_of_the_list(api):
    routine: Routine = RoutineFactory(slug="new-one", title_en="New one")
    StepFactory(routine=routine, title_en="Begin")
    shown = preview(api, preview_links.issue(routine, None))
    assert shown.status_code == 200 and first_step(shown) == "Begin"
    assert api.get(reverse("v1:routine-detail", args=["new-one"])).status_code == 404
    assert "new-one" not in [
        item["slug"] for item in api.get(reverse("v1:routine-list")).json()["results"]
    ]


def test_no_cache_keeps_a_preview(api, draft_of_changes, settings):
    settings.API_REPRESENTATION_CACHE = True
    cache.clear()
    link = preview_links.issue(draft_of_changes, None)
    first = preview(api, link)
    assert first["Cache-Control"] == "private, no-store"
    assert "ETag" not in first
    # A second request reads the routine again: nothing was stored to answer it from.
    step = draft_of_changes.steps.get(position=1)
    step.title_en = "Changed again"
    step.save()
    assert first_step(preview(api, link)) == "Changed again"


def test_the_published_tree_holds_no_preview(api, draft_of_changes, tmp_path):
    link = preview_links.issue(draft_of_changes, None)
    tree = write_tree(tmp_path, origin="https://api.example.org")
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert written, tree
    assert not [path for path in written if "preview" in str(path)]
    token = preview_links.token(link)
    assert not [path for path in written if token.encode() in path.read_bytes()]
    assert not [path for path in written if b"Stroke the arch slowly" in path.read_bytes()]


def refused(answer, status):
    assert answer.status_code == status
    assert answer["Content-Type"] == "application/problem+json"
    assert answer["Cache-Control"] == "private, no-store"
    return answer.json()["detail"]


def test_an_expired_link_is_401(api, draft_of_changes):
    link = preview_links.issue(draft_of_changes, None)
    link.expires_at = timezone.now() - timedelta(seconds=1)
    link.save()
    detail = refused(preview(api, link), 401)
    assert "expired" in detail


def test_a_token_nobody_issued_or_altered_is_401(api, draft_of_changes):
    link = preview_links.issue(draft_of_changes, None)
    later = int((timezone.now() + timedelta(days=365)).timestamp())
    forged = signing.Signer(salt="another salt").sign_object(
        {"key": str(link.key), "expires": later}
    )
    answer = api.get(reverse("v1:preview", kwargs={"token": forged}))
    assert "WWW-Authenticate" in answer
    refused(answer, 401)
    altered = preview_links.token(link)[:-2] + "xx"
    refused(api.get(reverse("v1:preview", kwargs={"token": altered})), 401)


def test_a_revoked_link_is_404(api, draft_of_changes):
    link = preview_links.issue(draft_of_changes, None)
    assert preview(api, link).status_code == 200
    preview_links.revoke(link)
    assert "revoked" in refused(preview(api, link), 404)


@pytest.mark.parametrize("settle", [publish_draft, discard_draft])
def test_a_link_to_a_draft_published_or_discarded_is_404(api, draft_of_changes, settle):
    link = preview_links.issue(draft_of_changes, None)
    token = preview_links.token(link)
    settle(draft_of_changes)
    assert not PreviewLink.objects.filter(pk=link.pk).exists()
    refused(api.get(reverse("v1:preview", kwargs={"token": token})), 404)


def test_a_link_has_one_token_whatever_the_time(draft_of_changes):
    # Signed with the time of signing, the token changed every second: the address on the
    # editor's page was not the one she had copied (and a test comparing them was flaky).
    link = preview_links.issue(draft_of_changes, None)
    with mock.patch("time.time", return_value=2_000_000_000.0):
        first = preview_links.token(link)
    with mock.patch("time.time", return_value=2_000_000_061.0):
        assert preview_links.token(link) == first


def test_the_editor_makes_and_revokes_a_link_in_the_admin(admin_client, draft_of_changes):
    page = reverse("admin:routines_routine_change", args=[draft_of_changes.pk])
    make = reverse("admin:routines_routine_preview_link", args=[draft_of_changes.pk])
    assert admin_client.get(make).status_code == 405
    admin_client.post(make, {"_preview_link": "1"})
    link = PreviewLink.objects.get(routine=draft_of_changes)
    assert link.created_by == User.objects.get(username="admin")
    html = admin_client.get(page).content.decode()
    assert preview_links.token(link) in html
    admin_client.post(make, {"revoke_link": str(link.pk)})
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert preview_links.token(link) not in admin_client.get(page).content.decode()


def test_a_reader_account_cannot_make_a_link(client, draft_of_changes):
    reader = User.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(reader)
    make = reverse("admin:routines_routine_preview_link", args=[draft_of_changes.pk])
    assert client.post(make, {"_preview_link": "1"}).status_code == 403
    assert not PreviewLink.objects.exists()


def test_a_published_routine_without_draft_gets_no_link(admin_client):
    live = published_routine("morning", steps=1)
    make = reverse("admin:routines_routine_preview_link", args=[live.pk])
    admin_client.post(make, {"_preview_link": "1"})
    assert not PreviewLink.objects.exists()
