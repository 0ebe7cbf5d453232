"""Routine list and detail: the number of queries does not grow with routines or steps."""

import pytest
from django.urls import reverse

from tests.factories import (
    AudienceFactory,
    BenefitFactory,
    RoutineFactory,
    StepFactory,
    ZoneFactory,
)
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def make_routines(count: int, first: int = 0) -> None:
    zones = [ZoneFactory(slug=f"zone-{n}") for n in range(3)]
    benefit = BenefitFactory(slug="calm")
    audience = AudienceFactory(slug="stress")
    for n in range(first, first + count):
        routine = RoutineFactory(slug=f"routine-{n:03d}")
        for step in range(10):
            StepFactory(routine=routine, zones=zones[: 1 + step % 3])
        routine.benefits.set([benefit])
        routine.audiences.set([audience])
        routine.publish()


URLS = {
    "list": reverse("v1:routine-list") + "?limit=500",
    "filtered list": reverse("v1:routine-list")
    + "?limit=500&zone=zone-1&benefit=calm&ordering=-duration",
    "detail": reverse("v1:routine-detail", args=["routine-000"]),
    "benefit detail": reverse("v1:benefit-detail", args=["calm"]),
}


@pytest.mark.parametrize("name", URLS)
def test_queries_do_not_grow_from_5_to_20_routines(api, name, django_assert_max_num_queries):
    # A query per routine or per step would show as 15 or 150 more; 50 routines cost 13 s
    # a test for the same verdict.
    make_routines(5)
    small = count_queries(api, URLS[name])
    make_routines(15, first=5)
    with django_assert_max_num_queries(small):
        response = api.get(URLS[name])
    assert response.status_code == 200
    # The detail also reads the contraindications of its zones and techniques, the general
    # ones and its tools: four queries whatever the number of steps. Both include the two
    # version lookups of a miss (footcare.api.middleware.response_cache), and what a drawn
    # picture's address digests: the steps, zones, their shapes and the areas' shapes, the
    # outlines and landmark lines (routines.api.pictures).
    assert small <= (16 if name == "detail" else 10)
