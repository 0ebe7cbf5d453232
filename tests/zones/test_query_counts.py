"""The number of queries behind a list must not grow with the number of rows."""

import pytest
from django.urls import reverse

from tests.factories import BodyPartFactory, FootOutlineFactory, LandmarkFactory, ZoneFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

TRIANGLE = [[0.1, 0.1], [0.2, 0.1], [0.2, 0.2]]
SHAPES = {"plantar": [TRIANGLE], "dorsal": [TRIANGLE]}


def make_map(zone_count: int, first: int = 0) -> None:
    FootOutlineFactory(view="plantar")
    LandmarkFactory()
    parts = [BodyPartFactory(slug=f"part-{n}") for n in range(3)]
    for n in range(first, first + zone_count):
        ZoneFactory(slug=f"zone-{n}", body_parts=parts[: 1 + n % 3], shapes=SHAPES)


ENDPOINTS = {
    "zones": reverse("v1:zone-list") + "?limit=500",
    "zones filtered": reverse("v1:zone-list") + "?limit=500&body_system=digestive&search=zone",
    "body parts": reverse("v1:body-part-list") + "?limit=500",
    "foot map": reverse("v1:foot-map") + "?foot=left&view=plantar",
    "foot map svg": reverse("v1:foot-map-svg") + "?foot=right&view=plantar",
}
# Each includes the two content version lookups of a miss: the one that finds no stored
# answer, and the one in the snapshot the view reads (footcare.api.middleware.response_cache).
MAX_QUERIES = {
    "zones": 6,
    "zones filtered": 6,
    "body parts": 6,
    # Outline, landmarks, zones' shapes and areas' shapes (zones.foot_map.build_foot_map).
    "foot map": 6,
    "foot map svg": 6,
}


@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize("zone_count", [10, 40])
def test_query_count_is_bounded(api, django_assert_max_num_queries, name, zone_count):
    make_map(zone_count)
    with django_assert_max_num_queries(MAX_QUERIES[name]):
        response = api.get(ENDPOINTS[name])
    assert response.status_code == 200


@pytest.mark.parametrize("name", ENDPOINTS)
def test_query_count_does_not_grow_from_10_to_40_zones(api, name):
    # A query per zone would show as 30 more; 100 zones cost 3 s a test for the same verdict.
    make_map(10)
    small = count_queries(api, ENDPOINTS[name])
    make_map(30, first=10)
    assert count_queries(api, ENDPOINTS[name]) == small
