"""Tools, areas and sources are resources of their own: a list, and each item at its slug.

Before, they existed only inside other answers (a routine's tools, a step's area, a zone's
sources) and in the lean sync; an app could not show one alone or list them for a filter.
"""

from typing import Any

import pytest
from django.urls import reverse

from routines.models import Tool
from tests.factories import AreaFactory, SourceFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def make_tool(slug: str) -> Tool:
    return Tool.objects.create(
        slug=slug, name_en="Towel", name_ru="Полотенце", description_en="Soft.",
        description_ru="Мягкое.",
    )  # fmt: skip


def make_area(slug: str) -> Any:
    return AreaFactory(
        slug=slug, name_en="Whole sole", name_ru="Вся подошва", description_en="The sole.",
        description_ru="Подошва.", max_pressure=3,
    )  # fmt: skip


def make_source(slug: str) -> Any:
    return SourceFactory(
        slug=slug, citation="Ernst E. 2009", supports_en="No cure.", supports_ru="Не лечит.",
        url="https://example.org/ernst",
    )  # fmt: skip


# route: (make one, the field whose text is translated, its English, its Russian)
RESOURCES = {
    "tool": (make_tool, "name", "Towel", "Полотенце"),
    "area": (make_area, "name", "Whole sole", "Вся подошва"),
    "source": (make_source, "supports", "No cure.", "Не лечит."),
}
ROUTES = list(RESOURCES)


def detail(route: str, slug: str) -> str:
    return reverse(f"v1:{route}-detail", args=[slug])


@pytest.mark.parametrize("route", ROUTES)
def test_the_list_and_the_detail_show_the_item_in_either_language(api, route):
    make, field, english, russian = RESOURCES[route]
    item = make("one")
    listed = api.get(reverse(f"v1:{route}-list"), HTTP_ACCEPT_LANGUAGE="ru")
    assert listed.status_code == 200 and listed["Content-Language"] == "ru"
    (entry,) = listed.json()["results"]
    assert entry["id"] == str(item.uuid) and entry["slug"] == "one"
    assert entry[field] == russian and entry["updated_at"].endswith("Z")
    one = api.get(detail(route, "one"), {"lang": "en"}).json()
    assert one["id"] == str(item.uuid) and one[field] == english


def test_each_answers_what_an_app_shows(api):
    make_tool("towel")
    make_area("whole-sole")
    make_source("ernst")
    assert set(api.get(detail("tool", "towel")).json()) == {
        "id", "slug", "name", "description", "updated_at",
    }  # fmt: skip
    area = api.get(detail("area", "whole-sole")).json()
    assert area["max_pressure"] == {"value": 3, "label": "moderate"}
    assert area["description"] == "The sole."
    assert "description" not in api.get(reverse("v1:area-list")).json()["results"][0]
    source = api.get(detail("source", "ernst")).json()
    assert source["link"] == source["url"] == "https://example.org/ernst"
    assert source["slug"] == "ernst"


@pytest.mark.parametrize("route", ROUTES)
def test_a_former_slug_is_a_301_to_the_item(api, route):
    item = RESOURCES[route][0]("old")
    item.slug = "new"
    item.save()
    moved = api.get(detail(route, "old"), {"lang": "ru"})
    assert moved.status_code == 301
    assert moved["Location"] == f"{detail(route, 'new')}?lang=ru"


@pytest.mark.parametrize("route", ROUTES)
def test_an_unknown_slug_is_a_404_problem(api, route):
    response = api.get(detail(route, "nowhere"))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


@pytest.mark.parametrize("route", ROUTES)
def test_a_change_moves_the_etag_and_an_unchanged_answer_is_a_304(api, route):
    item = RESOURCES[route][0]("one")
    url = detail(route, "one")
    etag = api.get(url)["ETag"]
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    item.slug = "one"  # the same slug: an edit of its text
    setattr(item, f"{RESOURCES[route][1]}_en", "Changed")
    item.save()
    again = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag


@pytest.mark.parametrize("route", ROUTES)
def test_lists_are_paginated_searchable_and_refuse_unknown_parameters(api, route):
    make = RESOURCES[route][0]
    for n in range(3):
        make(f"item-{n}")
    page = api.get(reverse(f"v1:{route}-list"), {"limit": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
    assert api.get(reverse(f"v1:{route}-list"), {"colour": "red"}).status_code == 400


def test_the_index_links_the_new_collections(api):
    names = {link["name"] for link in api.get(reverse("v1:index")).json()["resources"]}
    assert {"tools", "areas", "sources"} <= names


@pytest.mark.parametrize("route", ROUTES)
def test_a_list_costs_the_same_queries_for_3_items_as_for_30(api, route):
    make: Any = RESOURCES[route][0]
    for n in range(3):
        make(f"item-{n}")
    url = reverse(f"v1:{route}-list") + "?limit=500"
    small = count_queries(api, url)
    for n in range(3, 30):
        make(f"item-{n}")
    assert count_queries(api, url) == small <= 4
