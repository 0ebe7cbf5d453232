"""Filters and ``highlight=`` name an item by id, by slug, or by a slug it had before a rename.

An app that keeps ids, or an old slug from before an editor renamed the item, finds the same
items as one that sends the current slug. A well-formed name that names nothing matches
nothing (an empty page, a map with nothing highlighted), as the contract says; a malformed
one is a 400 naming the parameter.
"""

import uuid
from typing import Any

import pytest
from django.urls import reverse

from footcare.content.identity import as_id, current_slugs
from routines.models import Tool
from tests.conftest import fresh, made_once_per_module
from tests.factories import (
    AudienceFactory,
    BenefitFactory,
    BodyPartFactory,
    ContraindicationFactory,
    FootOutlineFactory,
    RoutineFactory,
    StepFactory,
    ZoneFactory,
)
from tests.queries import count_queries
from zones.models import Zone

pytestmark = pytest.mark.django_db

SQUARE = [[[0.3, 0.3], [0.5, 0.3], [0.5, 0.5]]]


def make_world() -> dict[str, Any]:
    """One item of each kind a filter names, each linked to one item of each list, and a
    decoy of each kind linked to nothing."""
    part = BodyPartFactory(slug="liver-part")
    liver = ZoneFactory(slug="liver", body_parts=[part], shapes={"plantar": SQUARE})
    ZoneFactory(slug="spleen", body_parts=[BodyPartFactory(slug="spleen-part")])
    audience = AudienceFactory(slug="walkers")
    AudienceFactory(slug="decoy")
    benefit = BenefitFactory(slug="relax")
    benefit.audiences.set([audience])
    BenefitFactory(slug="other-benefit")
    contraindication = ContraindicationFactory(slug="dvt")
    contraindication.zones.set([liver])
    ContraindicationFactory(slug="other-ci")
    tool = Tool.objects.create(slug="towel", name_en="Towel")
    routine = RoutineFactory(slug="calm")
    StepFactory(routine=routine, zones=[liver])
    routine.benefits.set([benefit])
    routine.audiences.set([audience])
    routine.tools.set([tool])
    routine.publish()
    other = RoutineFactory(slug="other-routine")
    StepFactory(routine=other, zones=[Zone.objects.get(slug="spleen")])
    other.publish()
    return {
        "body part": part,
        "zone": liver,
        "audience": audience,
        "benefit": benefit,
        "tool": tool,
    }


_world = made_once_per_module(make_world)


@pytest.fixture
def world(db, _world) -> dict[str, Any]:
    return fresh(_world)


# (list, parameter, the kind of item it names, the one item of the list it finds)
FILTERS = [
    ("zone", "body_part", "body part", "liver"),
    ("routine", "benefit", "benefit", "calm"),
    ("routine", "audience", "audience", "calm"),
    ("routine", "tool", "tool", "calm"),
    ("routine", "zone", "zone", "calm"),
    ("routine", "body_part", "body part", "calm"),
    ("benefit", "audience", "audience", "relax"),
    ("contraindication", "zone", "zone", "dvt"),
]


def rename(item: Any, slug: str) -> str:
    old = item.slug
    item.slug = slug
    item.save()
    return old


def found(api: Any, route: str, param: str, value: str) -> list[str]:
    response = api.get(reverse(f"v1:{route}-list"), {param: value})
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


# How a test names the item: each gives a function of the item and its slug before a rename.
NAMINGS = {
    "by id": lambda item, old: str(item.uuid),
    "by id in capitals": lambda item, old: str(item.uuid).upper(),
    "by slug": lambda item, old: item.slug,
    "by former slug": lambda item, old: old,
}


@pytest.mark.parametrize("naming", list(NAMINGS))
@pytest.mark.parametrize(
    ("route", "param", "kind", "expected"), FILTERS, ids=[f"{f[0]}s?{f[1]}" for f in FILTERS]
)
def test_a_filter_finds_its_item_however_it_is_named(
    api, world, route, param, kind, expected, naming
):
    item = world[kind]
    old = rename(item, f"{item.slug}-renamed")
    assert found(api, route, param, NAMINGS[naming](item, old)) == [expected]


@pytest.mark.parametrize(
    "name", ["no-such-item", str(uuid.UUID(int=1)), "00000000-0000-0000-0000-000000000000"]
)
@pytest.mark.parametrize(
    ("route", "param", "kind", "expected"), FILTERS, ids=[f"{f[0]}s?{f[1]}" for f in FILTERS]
)
def test_a_name_of_nothing_matches_nothing(api, world, route, param, kind, expected, name):
    assert found(api, route, param, name) == []


@pytest.mark.parametrize(("route", "param", "kind", "expected"), FILTERS[:2])
def test_a_malformed_name_is_a_400_naming_the_parameter(api, world, route, param, kind, expected):
    response = api.get(reverse(f"v1:{route}-list"), {param: "not a slug"})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [param]


def test_a_former_slug_given_to_another_item_names_that_item(api, world):
    liver = world["zone"]
    rename(liver, "liver-zone")
    ZoneFactory(slug="liver")  # an editor gives the old slug to a new zone, on no step
    assert found(api, "routine", "zone", "liver") == []
    assert found(api, "routine", "zone", "liver-zone") == ["calm"]


def test_a_former_slug_of_a_deleted_item_names_nothing(api, world):
    tool = world["tool"]
    rename(tool, "bath-towel")
    world["tool"].routines.clear()
    tool.delete()
    assert found(api, "routine", "tool", "towel") == []


def test_a_filter_by_id_or_former_slug_costs_no_query_of_its_own(api, world):
    rename(world["zone"], "liver-zone")
    url = reverse("v1:routine-list")
    by_slug = count_queries(api, f"{url}?zone=liver-zone")
    assert count_queries(api, f"{url}?zone=liver&limit=7") == by_slug
    assert count_queries(api, f"{url}?zone={world['zone'].uuid}&limit=8") == by_slug


def lit(api: Any, highlight: str) -> list[str]:
    FootOutlineFactory(view="plantar")
    response = api.get(
        reverse("v1:foot-map"), {"foot": "right", "view": "plantar", "highlight": highlight}
    )
    assert response.status_code == 200, response.content
    return [zone["slug"] for zone in response.json()["zones"] if zone["highlighted"]]


@pytest.mark.parametrize("naming", list(NAMINGS))
def test_highlight_names_a_zone_however_it_is_named(api, world, naming):
    liver = world["zone"]
    old = rename(liver, "liver-zone")
    assert lit(api, NAMINGS[naming](liver, old)) == ["liver-zone"]


def test_highlight_mixes_names_and_leaves_out_what_names_nothing(api, world):
    liver = world["zone"]
    lit_zones = lit(api, f"{liver.uuid},no-such-zone,{uuid.UUID(int=7)}")
    assert lit_zones == ["liver"]
    svg = api.get(
        reverse("v1:foot-map-svg"),
        {"foot": "right", "view": "plantar", "highlight": str(liver.uuid)},
    )
    assert svg.status_code == 200 and b"zone-liver" in svg.content


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("3f2b5a60-0b6f-5e71-9e2a-4d1c7b3f5a60", True),
        ("3F2B5A60-0B6F-5E71-9E2A-4D1C7B3F5A60", True),
        ("3f2b5a600b6f5e719e2a4d1c7b3f5a60", False),  # 32 digits: a slug may be written so
        ("liver", False),
        ("3f2b5a60-0b6f-5e71-9e2a-4d1c7b3f5a6", False),
    ],
)
def test_an_id_is_what_is_written_as_one(name, expected):
    assert (as_id(name) is not None) is expected


def test_current_slugs_reads_ids_slugs_and_former_slugs_in_one_query(
    world, django_assert_num_queries
):
    liver = world["zone"]
    rename(liver, "liver-zone")
    with django_assert_num_queries(1):
        slugs = current_slugs(Zone, [str(liver.uuid), "spleen", "liver", "nothing"])
    assert slugs == {"liver-zone", "spleen"}
