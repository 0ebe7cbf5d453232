"""Every public item has an id no rename changes, the same on every installation for the
items of the shipped pack."""

import pytest
from django.urls import reverse

from footcare.content.identity import pack_id
from routines.models import Routine, Step
from tests.factories import RoutineFactory, ZoneFactory
from zones.models import Zone

pytestmark = pytest.mark.django_db

COLLECTIONS = [
    "zone",
    "body-part",
    "benefit",
    "technique",
    "contraindication",
    "audience",
    "routine",
]


def test_an_id_survives_a_rename(api):
    zone = ZoneFactory(slug="liver")
    before = api.get(reverse("v1:zone-detail", args=["liver"])).json()["id"]
    zone.slug = "liver-zone"
    zone.save()
    after = api.get(reverse("v1:zone-detail", args=["liver-zone"])).json()["id"]
    assert before == after == str(zone.uuid)


def test_items_editors_add_get_ids_of_their_own():
    first, second = ZoneFactory(slug="a"), ZoneFactory(slug="b")
    assert first.uuid != second.uuid and first.uuid.version == 4


def test_a_duplicated_routine_and_its_steps_are_new_items(shipped_pack):
    original = Routine.objects.get(slug="quick-five-minutes")
    copy = original.duplicate()
    assert copy.uuid != original.uuid
    assert not {step.uuid for step in copy.steps.all()} & {s.uuid for s in original.steps.all()}


def test_every_item_of_the_shipped_pack_has_its_pack_id_in_lists_and_details(api, shipped_pack):
    for name in COLLECTIONS:
        items = api.get(reverse(f"v1:{name}-list"), {"limit": 500}).json()["results"]
        app = "zones" if name in ("zone", "body-part") else "routines"
        label = f"{app}.{name.replace('-', '')}"
        for item in items:
            assert item["id"] == str(pack_id(label, item["slug"])), (name, item["slug"])
        detail = api.get(reverse(f"v1:{name}-detail", args=[items[0]["slug"]])).json()
        assert detail["id"] == items[0]["id"]
    routine = api.get(reverse("v1:routine-detail", args=["quick-five-minutes"])).json()
    for step in routine["steps"]:
        assert step["id"] == str(pack_id("routines.step", f"{routine['id']}/{step['position']}"))
    assert len({str(s.uuid) for s in Step.objects.all()}) == Step.objects.count()


def test_an_old_slug_leads_to_the_item_with_a_301_through_any_number_of_renames(api):
    zone = ZoneFactory(slug="liver")
    for slug in ("liver-zone", "liver-area"):
        zone.slug = slug
        zone.save()
    for old in ("liver", "liver-zone"):
        moved = api.get(reverse("v1:zone-detail", args=[old]), {"lang": "ru"})
        assert moved.status_code == 301
        assert moved["Location"] == "/api/v1/zones/liver-area/?lang=ru"
    assert api.get(moved["Location"]).json()["id"] == str(zone.uuid)


def test_a_rename_by_bulk_update_also_leads_old_links_to_the_item(api):
    zone = ZoneFactory(slug="liver")
    Zone.objects.filter(pk=zone.pk).update(slug="liver-area")  # no pre_save signal
    moved = api.get(reverse("v1:zone-detail", args=["liver"]))
    assert moved.status_code == 301 and moved["Location"] == "/api/v1/zones/liver-area/"


def test_a_reused_slug_belongs_to_its_new_item_and_a_hidden_one_stays_missing(api):
    first = ZoneFactory(slug="heel")
    first.slug = "heel-old"
    first.save()
    second = ZoneFactory(slug="heel")  # an editor gives the old slug to another zone
    assert api.get(reverse("v1:zone-detail", args=["heel"])).json()["id"] == str(second.uuid)
    routine = RoutineFactory(slug="draft-one")  # a draft: not published
    routine.slug = "draft-two"
    routine.save()
    assert api.get(reverse("v1:routine-detail", args=["draft-one"])).status_code == 404
