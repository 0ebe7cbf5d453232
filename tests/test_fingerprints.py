"""Fingerprints say which fields editors changed; a violation's words lead to its item."""

import pytest

from footcare.content.findings import ItemRef, items_of
from footcare.content.fingerprints import as_released, edited_fields, fingerprint
from routines.models import Routine, SafetyScreen
from tests.factories import RoutineFactory, StepFactory, ZoneFactory
from zones.models import Zone


def test_a_fingerprint_hashes_each_field_and_does_not_depend_on_key_order():
    one = fingerprint({"name": {"en": "Liver", "ru": "Печень"}, "position": 3})
    other = fingerprint({"position": 3, "name": {"ru": "Печень", "en": "Liver"}})
    assert one == other and set(one) == {"name", "position"}
    assert fingerprint({"position": 4})["position"] != one["position"]


def test_edited_fields_are_those_recorded_that_differ_now_in_the_forms_order():
    recorded = fingerprint({"name": "Liver", "caution": "", "shapes": [1]})
    now = fingerprint({"name": "Liver!", "caution": "Gently.", "shapes": [1]})
    assert edited_fields(recorded, now) == ["name", "caution"]
    assert (
        edited_fields(recorded, fingerprint({"name": "Liver", "caution": "", "shapes": [1]})) == []
    )


def test_a_field_a_later_release_adds_does_not_make_an_item_look_edited():
    recorded = fingerprint({"name": "Liver"})
    assert edited_fields(recorded, fingerprint({"name": "Liver", "picture": "abc"})) == []
    assert edited_fields(recorded, {}) == ["name"]  # a field gone is a change


def test_a_row_the_pack_never_wrote_is_the_editors():
    assert edited_fields({}, fingerprint({"name": "Liver"})) == ["*"]


def test_the_previous_releases_items_are_shipped():
    assert as_released(Routine, "relaxing-full-foot-massage")
    assert as_released(Zone, "liver")
    assert as_released(Routine, "a-routine-no-release-had") == []


@pytest.mark.django_db
def test_a_violations_location_leads_to_its_item():
    zone, other = ZoneFactory(slug="liver"), ZoneFactory(slug="gallbladder")
    step = StepFactory(routine=RoutineFactory(slug="evening"), zones=[zone])
    assert items_of("routine evening, step 3") == [ItemRef(Routine, "evening")]
    assert items_of(f"step {step.pk}, instruction (ru)") == [ItemRef(Routine, "evening")]
    assert items_of("zone liver, plantar view") == [ItemRef(Zone, "liver")]
    assert items_of(f"zones liver and {other.slug}, plantar view") == [
        ItemRef(Zone, "liver"),
        ItemRef(Zone, "gallbladder"),
    ]
    assert items_of("published routines") == []
    assert items_of("safety screen") == [ItemRef(SafetyScreen, "1")]
