"""Who a routine is for, who massages, and what it needs: served, and filterable."""

import pytest
from django.urls import reverse

from routines.models import Tool
from tests.factories import AudienceFactory, published_routine, without_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_routines():
    ball = Tool.objects.create(slug="massage-ball", name_en="Ball", name_ru="Мяч")
    oil = Tool.objects.create(slug="oil-or-cream", name_en="Oil", name_ru="Масло")
    office = AudienceFactory(slug="office-workers")
    desk = published_routine("desk", performer="self", not_for_en="Not with a clot.")
    desk.tools.set([ball])
    desk.audiences.set([office])
    partner = published_routine("partner", performer="partner")
    partner.tools.set([oil])
    published_routine("hands-only", performer="self")


def slugs(api, **query) -> list[str]:
    response = api.get(reverse("v1:routine-list"), query)
    assert response.status_code == 200, response.json()
    return sorted(item["slug"] for item in response.json()["results"])


def test_filters_by_who_massages_by_tool_and_by_needing_nothing(api, three_routines):
    assert slugs(api, performer="self") == ["desk", "hands-only"]
    assert slugs(api, performer="partner") == ["partner"]
    assert slugs(api, tool="massage-ball") == ["desk"]
    assert slugs(api, without_tools="true") == ["hands-only"]
    assert slugs(api, audience="office-workers") == ["desk"]


def test_a_bad_filter_value_is_a_clear_400(api, three_routines):
    response = api.get(reverse("v1:routine-list"), {"performer": "robot"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "performer"


def test_the_routine_says_who_it_is_not_for_and_what_it_needs(api, three_routines):
    listed = {item["slug"]: item for item in api.get(reverse("v1:routine-list")).json()["results"]}
    assert listed["desk"]["tools"] == ["massage-ball"]
    assert listed["hands-only"]["tools"] == []
    detail = api.get(reverse("v1:routine-detail", args=["desk"])).json()
    assert detail["performer"] == "self"
    assert detail["not_for"] == "Not with a clot."
    assert without_ids(detail["tools"]) == [
        {"slug": "massage-ball", "name": "Ball", "description": ""}
    ]
    russian = api.get(reverse("v1:routine-detail", args=["desk"]), HTTP_ACCEPT_LANGUAGE="ru")
    assert russian.json()["tools"][0]["name"] == "Мяч"
