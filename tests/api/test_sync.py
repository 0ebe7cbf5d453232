"""Offline sync: a full catalogue, then deltas that keep a local copy equal to the server's."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from footcare.api.sync import FULL_SYNC_REQUIRED
from footcare.content.labels import labels_in
from footcare.content.sync import make_token
from footcare.models import ContentChange
from routines.models import Benefit, Contraindication, Routine, Technique
from tests.factories import ContraindicationFactory, ZoneFactory
from zones.models import BodyPart, FootOutline, Landmark, Zone

# The shipped pack brings its own safety screen and general contraindications.
pytestmark = [pytest.mark.django_db, pytest.mark.bare_safety]

SYNC = reverse("v1:sync")
KEYS = {"foot_maps": "view"}


def sync(api, token=None, language="en"):
    response = api.get(SYNC, {"token": token} if token else {}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content
    assert response["Content-Language"] == language
    return response.json()


def as_local(upserts):
    return {
        collection: {item[KEYS.get(collection, "slug")]: item for item in items}
        for collection, items in upserts.items()
    }


class Client:
    """A minimal offline client: a local copy and a token."""

    def __init__(self, api, language):
        self.api, self.language = api, language
        first = sync(api, language=language)
        assert first["full"] is True and first["deletions"] == []
        self.copy, self.token = as_local(first["upserts"]), first["next_token"]

    def pull(self):
        delta = sync(self.api, self.token, self.language)
        assert delta["full"] is False
        for collection, items in as_local(delta["upserts"]).items():
            self.copy.setdefault(collection, {}).update(items)
        collections = {"zone": "zones", "body_part": "body_parts", "foot_map": "foot_maps"}
        for deletion in delta["deletions"]:
            name = collections.get(deletion["resource"], deletion["resource"] + "s")
            self.copy[name].pop(deletion["slug"], None)
        self.token = delta["next_token"]
        return delta


def test_full_sync_is_the_whole_published_catalogue_once(api, catalogue):
    body = sync(api)
    counts = {collection: len(items) for collection, items in body["upserts"].items()}
    assert counts == {
        "zones": Zone.objects.count(),
        "body_parts": BodyPart.objects.count(),
        "foot_maps": 4,
        "benefits": Benefit.objects.count(),
        "techniques": Technique.objects.count(),
        "contraindications": Contraindication.objects.count(),
        "routines": Routine.objects.published().count(),
        "safety": 1,
    }
    routines = [routine["slug"] for routine in body["upserts"]["routines"]]
    drafts = Routine.objects.exclude(status="published").values_list("slug", flat=True)
    assert not set(drafts) & set(routines) and len(routines) == len(set(routines))
    full_massage = next(r for r in body["upserts"]["routines"] if r["slug"].startswith("relaxing"))
    saved = Routine.objects.get(slug=full_massage["slug"]).steps.count()
    assert len(full_massage["steps"]) == saved > 0
    plantar = next(m for m in body["upserts"]["foot_maps"] if m["view"] == "plantar")
    assert {landmark["slug"] for landmark in plantar["landmarks"]} == {
        "diaphragm-line", "waistline", "heel-line",
    }  # fmt: skip
    assert sync(api, language="ru")["upserts"]["zones"][0]["name"] == "Голова и мозг"


def test_nothing_changed_is_an_empty_delta(api, catalogue):
    token = sync(api)["next_token"]
    delta = sync(api, token)
    assert delta == {
        "full": False,
        "next_token": token,
        "upserts": {},
        "deletions": [],
        "labels_version": labels_in("en")["version"],
    }


@pytest.mark.parametrize(
    "token",
    ["", "garbage", "12", "12:forged-signature", make_token(10**9)],
    ids=["empty", "malformed", "unsigned", "tampered", "from-the-future"],
)
def test_unusable_tokens_ask_for_a_full_sync(api, catalogue, token):
    response = api.get(SYNC, {"token": token})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == FULL_SYNC_REQUIRED


def test_compaction_expires_old_tokens(api, catalogue, capsys):
    old_token = sync(api)["next_token"]
    edit_zone_name()  # a change the old token has not seen yet…
    ContentChange.objects.update(changed_at=timezone.now() - timedelta(days=400))  # …long ago
    zone = Zone.objects.get(slug="liver")
    zone.name_en = "Liver (edited)"
    zone.save()
    fresh_token = sync(api)["next_token"]
    call_command("compact_journal", days=90)
    assert "older sync tokens now need a full sync" in capsys.readouterr().out
    assert ContentChange.objects.exists()  # the recent edit is kept
    response = api.get(SYNC, {"token": old_token})
    assert response.status_code == 400
    assert response.json()["type"] == FULL_SYNC_REQUIRED
    assert "too old" in response.json()["detail"]
    assert sync(api, fresh_token)["upserts"] == {}
    call_command("compact_journal", days=90)
    assert "Nothing older than 90 days" in capsys.readouterr().out


def test_an_expired_token_needs_a_full_sync_in_every_variant_already_answered(api, catalogue):
    """Issue 24, point 2: the stored English answer for a token once valid must not outlive the
    token. Compaction moves no content version, so the answer cache has to know of it."""
    old_token = sync(api)["next_token"]
    edit_zone_name()
    assert sync(api, old_token, language="en")["upserts"]  # stored, as any app asked it
    ContentChange.objects.update(changed_at=timezone.now() - timedelta(days=400))
    call_command("compact_journal", days=90)
    for language in ["en", "ru"]:
        response = api.get(SYNC, {"token": old_token}, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400, (language, response.content)
        assert response.json()["type"] == FULL_SYNC_REQUIRED


# Every form one delta request can take on the wire: each is a stored answer of its own (the
# language, the `lang` parameter) or a copy of one (the codings, a revalidation).
VARIANTS = [
    {"HTTP_ACCEPT_LANGUAGE": language, "HTTP_ACCEPT_ENCODING": coding}
    for language in ("en", "ru")
    for coding in ("identity", "gzip", "br")
]


def test_an_expired_token_needs_a_full_sync_in_every_variant_of_both_syncs(api, catalogue):
    """Issue 24, point 2: after compaction a token is refused whatever copies of its answer
    were stored before, in every language, coding and revalidation, by both syncs."""
    old_token = sync(api)["next_token"]
    edit_zone_name()
    answered = []
    for path in (SYNC, reverse("v1:lean-sync")):
        for query in ({"token": old_token}, {"token": old_token, "lang": "ru"}):
            for headers in VARIANTS:
                response = api.get(path, query, **headers)
                assert response.status_code == 200, (path, query, headers)
                answered.append((path, query, headers, response["ETag"]))
    ContentChange.objects.update(changed_at=timezone.now() - timedelta(days=400))
    call_command("compact_journal", days=90)
    for path, query, headers, etag in answered:
        for revalidating in ({}, {"HTTP_IF_NONE_MATCH": etag}):
            response = api.get(path, query, **headers, **revalidating)
            assert response.status_code == 400, (path, query, headers, revalidating)
            assert response.json()["type"] == FULL_SYNC_REQUIRED


def edit_zone_name():
    zone = Zone.objects.get(slug="kidneys")
    zone.name_en = "Kidneys (both)"
    zone.save()


def translate_routine():
    routine = Routine.objects.get(slug="quick-five-minutes")
    routine.title_ru = "Пять минут для стоп"
    routine.save()


def create_zone():
    part = BodyPart.objects.get(slug="knee")
    triangle = [[0.3, 0.3], [0.4, 0.3], [0.35, 0.4]]
    ZoneFactory(
        slug="new-knee-zone",
        name_en="Knee, again",
        name_ru="Снова колено",
        body_parts=[part],
        shapes={"lateral": [triangle]},
    )


def reorder_steps():
    routine = Routine.objects.get(slug="warm-cold-feet")
    first, second = routine.steps.all()[:2]
    first.position, second.position = 2, 1
    first.save()
    second.save()


def unpublish():
    Routine.objects.get(slug="arch-support").withdraw()


def publish_draft():
    Routine.objects.get(slug="desk-break-draft").publish()


def delete_routine():
    Routine.objects.get(slug="athletes-recovery").delete()


def add_contraindication():
    caution = ContraindicationFactory(slug="kidney-disease")
    caution.zones.set([Zone.objects.get(slug="kidneys")])


def delete_contraindication():
    # Not a general one: those stay while routines are published (routines/content/guards.py).
    Contraindication.objects.get(slug="kidney-disease").delete()


def delete_body_part():
    BodyPart.objects.get(slug="appendix").delete()


def move_landmark():
    landmark = Landmark.objects.get(slug="waistline")
    landmark.points = [[0.15, 0.54], [0.87, 0.55]]
    landmark.save()


def rename_zone_slug():
    zone = Zone.objects.get(slug="hip")
    zone.slug = "hip-joint"
    zone.save()


def delete_zone():
    # Every zone of the pack is worked by a published routine; take one out of its steps.
    thymus = Zone.objects.get(slug="thymus")
    thymus.steps.clear()
    thymus.delete()


def drop_outline():
    FootOutline.objects.get(view="lateral").delete()


SCRIPT = [
    edit_zone_name,
    translate_routine,
    create_zone,
    reorder_steps,
    unpublish,
    publish_draft,
    delete_routine,
    add_contraindication,
    delete_contraindication,
    delete_body_part,
    move_landmark,
    rename_zone_slug,
    delete_zone,
    drop_outline,
]


def test_replayed_deltas_keep_the_local_copy_equal_to_a_full_sync(api, catalogue):
    clients = [Client(api, "en"), Client(api, "ru")]
    for change in SCRIPT:
        change()
        for client in clients:
            delta = client.pull()
            assert delta["upserts"] or delta["deletions"], change.__name__
            expected = as_local(sync(api, language=client.language)["upserts"])
            for collection in expected:
                assert client.copy.get(collection, {}) == expected[collection], (
                    change.__name__,
                    client.language,
                    collection,
                )
    assert "athletes-recovery" not in clients[0].copy["routines"]
    assert "desk-break-draft" in clients[1].copy["routines"]
    assert "hip" not in clients[0].copy["zones"] and "hip-joint" in clients[0].copy["zones"]


def test_the_sync_is_revalidated_every_time_and_answers_304_when_nothing_changed(api, catalogue):
    first = api.get(SYNC)
    assert first["Cache-Control"] == "public, no-cache"
    again = api.get(SYNC, HTTP_IF_NONE_MATCH=first["ETag"])  # the stored answer, this time
    assert again.status_code == 304 and again["Cache-Control"] == "public, no-cache"
    assert "max-age" in api.get(reverse("v1:zone-list"))["Cache-Control"]  # others may wait
