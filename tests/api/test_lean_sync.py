"""The lean sync: each item once, others by id; a delta is what changed itself, no more."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from footcare.api.sync import lean_sync_resources
from footcare.content.labels import labels_in
from routines.models import Routine
from tests.api.lean_client import apply_delta, by_id
from tests.api.test_sync import SCRIPT
from tests.factories import RoutineFactory, StepFactory, ZoneFactory
from zones.models import Source, Zone

# The shipped pack brings its own safety screen and general contraindications.
pytestmark = [pytest.mark.django_db, pytest.mark.bare_safety]

LEAN = reverse("v1:lean-sync")
SYNC = reverse("v1:sync")
COLLECTIONS = {resource.collection for resource in lean_sync_resources()}
# Which collection each reference field points into, by the item's collection.
REFERENCES = {
    "zones": {"body_parts": "body_parts", "sources": "sources", "overlaps": "zones"},
    "benefits": {"audiences": "audiences", "sources": "sources", "zones": "zones"},
    "contraindications": {"zones": "zones", "techniques": "techniques", "sources": "sources"},
    "routines": {
        "audiences": "audiences",
        "benefits": "benefits",
        "tools": "tools",
        "contraindications": "contraindications",
    },
    "safety": {"conditions": "contraindications"},
}
STEP_REFERENCES = {"technique": "techniques", "zones": "zones", "area": "areas"}


def lean(api, token=None, language="en"):
    response = api.get(LEAN, {"token": token} if token else {}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "public, no-cache"
    return response


def referenced(collection, item):
    """(target collection, id) for every reference ``item`` makes."""
    pairs = [
        (target, ref)
        for field, target in REFERENCES.get(collection, {}).items()
        for ref in item[field]
    ]
    for step in item.get("steps", []):
        for field, target in STEP_REFERENCES.items():
            value = step[field]
            pairs += [(target, ref) for ref in (value if isinstance(value, list) else [value])]
    return [(target, ref) for target, ref in pairs if ref is not None]


def test_the_full_lean_sync_sends_every_item_once_and_every_reference_resolves(api, catalogue):
    body = lean(api).json()
    assert body["full"] is True and body["deletions"] == []
    assert set(body["upserts"]) == COLLECTIONS
    copy = by_id(body["upserts"])
    for collection, items in body["upserts"].items():
        assert len(copy[collection]) == len(items), f"{collection}: an item sent twice"
    assert len(copy["sources"]) == Source.objects.count()
    assert len(copy["routines"]) == Routine.objects.published().count()
    dangling = [
        (collection, item.get("slug"), target, ref)
        for collection, items in body["upserts"].items()
        for item in items
        for target, ref in referenced(collection, item)
        if ref not in copy[target]
    ]
    assert dangling == []
    # Nothing is embedded: a reference is an id, never a copy of the item.
    zone = next(iter(copy["zones"].values()))
    assert all(isinstance(ref, str) for ref in zone["body_parts"] + zone["sources"])


def test_a_routine_lists_every_contraindication_that_applies_by_id(api, catalogue):
    lean_routines = by_id(lean(api).json()["upserts"])["routines"]
    for routine in api.get(SYNC).json()["upserts"]["routines"]:
        listed = [item["id"] for item in routine["contraindications"]]
        assert lean_routines[routine["id"]]["contraindications"] == listed, routine["slug"]


def test_nothing_changed_is_a_delta_of_empty_collections(api, catalogue):
    token = lean(api).json()["next_token"]
    assert lean(api, token).json() == {
        "full": False,
        "next_token": token,
        "upserts": {collection: [] for collection in COLLECTIONS},
        "deletions": [],
        "labels_version": labels_in("en")["version"],
    }


def test_a_one_zone_edit_is_that_zone_alone_within_3_kb(api, catalogue):
    token = lean(api).json()["next_token"]
    zone = Zone.objects.get(slug="brain-head")  # pressed by several routines, on body parts
    assert zone.steps.exists() and zone.body_parts.exists()
    zone.description_en += " Work it slowly."
    zone.save()
    response = lean(api, token)
    delta = response.json()
    changed = {collection: items for collection, items in delta["upserts"].items() if items}
    assert list(changed) == ["zones"] and [z["slug"] for z in changed["zones"]] == ["brain-head"]
    assert delta["deletions"] == []
    assert len(response.content) <= 3 * 1024
    # The embedding sync, from the same token, resends what shows a copy of the zone.
    assert len(api.get(SYNC, {"token": token}).json()["upserts"]["routines"]) > 0


def test_a_renamed_item_is_an_upsert_with_its_id_and_no_deletion(api, catalogue):
    token = lean(api).json()["next_token"]
    zone = Zone.objects.get(slug="hip")
    zone.slug = "hip-joint"
    zone.save()
    delta = lean(api, token).json()
    assert [(z["id"], z["slug"]) for z in delta["upserts"]["zones"]] == [
        (str(zone.uuid), "hip-joint")
    ]
    assert delta["deletions"] == []
    # The embedding sync keys items by slug: the old one goes, with the id that stays.
    old = api.get(SYNC, {"token": token}).json()
    assert {"resource": "zone", "collection": "zones", "slug": "hip", "id": str(zone.uuid)} in (
        old["deletions"]
    )
    assert str(zone.uuid) in {z["id"] for z in old["upserts"]["zones"]}


def test_a_deletion_names_the_item_by_its_id(api, catalogue):
    token = lean(api).json()["next_token"]
    routine = Routine.objects.get(slug="athletes-recovery")
    gone = str(routine.uuid)
    routine.delete()
    for path in (LEAN, SYNC):
        deletions = api.get(path, {"token": token}).json()["deletions"]
        assert {
            "resource": "routine",
            "collection": "routines",
            "slug": "athletes-recovery",
            "id": gone,
        } in deletions, path


class LeanClient:
    """An offline client that keeps items by id and applies deltas as the docs say."""

    def __init__(self, api, language):
        self.api, self.language = api, language
        first = lean(api, language=language).json()
        self.copy, self.token = by_id(first["upserts"]), first["next_token"]

    def pull(self):
        delta = lean(self.api, self.token, self.language).json()
        assert delta["full"] is False and set(delta["upserts"]) == COLLECTIONS
        apply_delta(self.copy, delta)
        self.token = delta["next_token"]
        return delta


def test_replayed_lean_deltas_keep_the_local_copy_equal_to_a_full_sync(api, catalogue):
    clients = [LeanClient(api, "en"), LeanClient(api, "ru")]
    for change in SCRIPT:
        change()
        for client in clients:
            delta = client.pull()
            sent = sum(len(items) for items in delta["upserts"].values())
            assert sent or delta["deletions"], change.__name__
            expected = by_id(lean(api, language=client.language).json()["upserts"])
            for collection in COLLECTIONS:
                assert client.copy[collection] == expected[collection], (
                    change.__name__,
                    client.language,
                    collection,
                )


def test_the_full_lean_sync_costs_the_same_queries_whatever_the_content(api, catalogue):
    def queries():
        cache.clear()  # a miss every time: count the work, not the stored answer
        with CaptureQueriesContext(connection) as captured:
            lean(api)
        return len(captured)

    shipped = queries()
    zone = ZoneFactory(slug="extra-zone")
    for n in range(5):
        routine = RoutineFactory(slug=f"extra-{n}")
        StepFactory(routine=routine, zones=[zone])
        routine.publish()
    assert queries() == shipped
