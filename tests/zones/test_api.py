"""Zones, body parts and the foot map through /api/v1/, with exact JSON on a small map."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.conftest import fresh, made_once_per_module
from tests.factories import source_json, without_ids
from tests.zones.conftest import make_small_map

SVG = "{http://www.w3.org/2000/svg}"

# Every test here starts from the small map: made once for the module (0.5 s a test before).
_small_map = made_once_per_module(make_small_map)


@pytest.fixture
def small_map(_small_map, db):
    return fresh(_small_map)


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def problem_fields(response):
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {error["field"] for error in response.json()["errors"]}


def test_zone_list_is_compact_and_exact(api, small_map):
    response = api.get(reverse("v1:zone-list"))
    assert without_ids(response.json()) == {
        "count": 3,
        "next": None,
        "previous": None,
        "results": [
            {
                "slug": "sinuses",
                "name": "Sinuses",
                "foot": "both",
                "region": "toes",
                "views": ["dorsal", "plantar"],
                "longitudinal_zones": [2, 3, 4, 5],
                "sensitivity": "medium",
                "skin": "normal",
                "recommended_pressure": {"value": 2, "label": "light"},
                "max_pressure": {"value": 3, "label": "moderate"},
                "body_parts": ["sinuses"],
            },
            {
                "slug": "liver",
                "name": "Liver",
                "foot": "right",
                "region": "arch",
                "views": ["plantar"],
                "longitudinal_zones": [4, 5],
                "sensitivity": "medium",
                "skin": "normal",
                "recommended_pressure": {"value": 3, "label": "moderate"},
                "max_pressure": {"value": 4, "label": "firm"},
                "body_parts": ["liver"],
            },
            {
                "slug": "toe-webs",
                "name": "Between the toes",
                "foot": "both",
                "region": "toes",
                "views": ["dorsal"],
                "longitudinal_zones": [1, 2, 3, 4, 5],
                "sensitivity": "high",
                "skin": "tender",
                "recommended_pressure": {"value": 1, "label": "feather"},
                "max_pressure": {"value": 2, "label": "light"},
                "body_parts": ["upper-lymph"],
            },
        ],
    }


@pytest.mark.parametrize(
    ("headers", "query"), [({"HTTP_ACCEPT_LANGUAGE": "ru"}, ""), ({}, "?lang=ru")]
)
def test_russian_by_header_or_query(api, small_map, headers, query):
    response = api.get(reverse("v1:zone-list") + query, **headers)
    assert [item["name"] for item in response.json()["results"]] == [
        "Пазухи носа",
        "Печень",
        "Между пальцами",
    ]
    assert response["Content-Language"] == "ru"
    assert "Accept-Language" in response["Vary"]


def test_english_is_the_default_and_the_fallback(api, small_map):
    small_map["liver"].name_ru = ""
    small_map["liver"].save()
    response = api.get(reverse("v1:zone-detail", args=["liver"]), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.json()["name"] == "Liver"
    response = api.get(reverse("v1:zone-detail", args=["liver"]), HTTP_ACCEPT_LANGUAGE="de")
    assert response["Content-Language"] == "en"


def test_an_unknown_lang_is_refused(api, small_map):
    assert problem_fields(api.get(reverse("v1:zone-list") + "?lang=xx")) == {"lang"}


def test_zone_detail_embeds_body_parts_geometry_and_labelled_skin_signs(api, small_map):
    response = api.get(reverse("v1:zone-detail", args=["sinuses"]), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.json()["updated_at"].endswith("Z")
    body = without_ids(response.json())
    assert body == {
        "slug": "sinuses",
        "name": "Пазухи носа",
        "foot": "both",
        "region": "toes",
        "views": ["dorsal", "plantar"],
        "longitudinal_zones": [2, 3, 4, 5],
        "sensitivity": "medium",
        "skin": "normal",
        "recommended_pressure": {"value": 2, "label": "light"},
        "max_pressure": {"value": 3, "label": "moderate"},
        "body_parts": [{"slug": "sinuses", "name": "Пазухи", "system": "respiratory"}],
        "description": "Подушечки малых пальцев.",
        "technique_hints": "Проработайте каждую подушечку.",
        "caution": "",
        "traditional_skin_signs": {
            "evidence": "traditional_belief",
            "text": "Традиционное поверье: шелушение здесь означает заложенность.",
        },
        "tradition": "common",
        "tradition_note": "",
        "sources": [source_json("Kunz, Complete Reflexology for Life, 2007")],
        "shapes": [
            {"view": "dorsal", "polygons": [[[0.4, 0.1], [0.5, 0.1], [0.5, 0.2], [0.4, 0.2]]]},
            {"view": "plantar", "polygons": [[[0.4, 0.1], [0.5, 0.1], [0.5, 0.2], [0.4, 0.2]]]},
        ],
        "overlaps": [],
    }
    liver = api.get(reverse("v1:zone-detail", args=["liver"])).json()
    assert liver["traditional_skin_signs"] is None


def test_unknown_zone_is_a_404_problem(api, small_map):
    response = api.get(reverse("v1:zone-detail", args=["nowhere"]))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("foot=left", ["sinuses", "toe-webs"]),
        ("foot=right", ["sinuses", "liver", "toe-webs"]),
        ("view=plantar", ["sinuses", "liver"]),
        ("view=dorsal", ["sinuses", "toe-webs"]),
        ("region=toes", ["sinuses", "toe-webs"]),
        ("sensitivity=high", ["toe-webs"]),
        ("body_part=liver", ["liver"]),
        ("body_system=respiratory", ["sinuses"]),
        ("longitudinal_zone=1", ["toe-webs"]),
        ("longitudinal_zone=4", ["sinuses", "liver", "toe-webs"]),
        ("search=liv", ["liver"]),
        ("search=печ", ["liver"]),
        ("search=lymph", ["toe-webs"]),
        ("search=(", []),
        ("search=.*", []),
        ("ordering=-slug", ["toe-webs", "sinuses", "liver"]),
        ("ordering=max_pressure,slug", ["toe-webs", "sinuses", "liver"]),
        ("foot=left&region=toes&sensitivity=medium", ["sinuses"]),
    ],
)
def test_zone_filters(api, small_map, query, expected):
    assert slugs(api.get(f"{reverse('v1:zone-list')}?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("foot=middle", "foot"),
        ("foot=both", "foot"),
        ("view=inside", "view"),
        ("region=knee", "region"),
        ("sensitivity=9", "sensitivity"),
        ("body_part=unicorn%20horn", "body_part"),
        ("body_system=magic", "body_system"),
        ("longitudinal_zone=7", "longitudinal_zone"),
        ("ordering=colour", "ordering"),
    ],
)
def test_invalid_filter_values_are_400_naming_the_field(api, small_map, query, field):
    response = api.get(f"{reverse('v1:zone-list')}?{query}")
    assert problem_fields(response) == {field}
    assert field in response.json()["detail"]


def test_a_body_part_that_does_not_exist_has_no_zones(api, small_map):
    assert slugs(api.get(f"{reverse('v1:zone-list')}?body_part=unicorn-horn")) == []


def test_body_parts_say_where_to_press(api, small_map):
    response = api.get(reverse("v1:body-part-detail", args=["sinuses"]))
    assert without_ids(response.json()) == {
        "slug": "sinuses",
        "name": "Sinuses",
        "system": "respiratory",
        "description": "",
        "zones": [
            {
                "slug": "sinuses",
                "name": "Sinuses",
                "foot": "both",
                "region": "toes",
                "views": ["dorsal", "plantar"],
                "sensitivity": "medium",
                "max_pressure": {"value": 3, "label": "moderate"},
            }
        ],
    }
    listing = api.get(reverse("v1:body-part-list") + "?system=digestive", HTTP_ACCEPT_LANGUAGE="ru")
    assert [(bp["slug"], bp["name"]) for bp in listing.json()["results"]] == [("liver", "Печень")]
    assert problem_fields(api.get(reverse("v1:body-part-list") + "?system=x")) == {"system"}
    assert api.get(reverse("v1:body-part-detail", args=["spleen"])).status_code == 404


def test_foot_map_is_ready_to_draw(api, small_map):
    response = api.get(reverse("v1:foot-map") + "?foot=right&view=plantar")
    assert without_ids(response.json()) == {
        "foot": "right",
        "view": "plantar",
        "aspect_ratio": 0.4,
        "outline": [[0.1, 0.0], [0.9, 0.0], [0.9, 1.0], [0.1, 1.0]],
        "landmarks": [
            {"slug": "waistline", "name": "Waistline", "points": [[0.1, 0.5], [0.9, 0.5]]}
        ],
        "zones": [
            {
                "slug": "sinuses",
                "name": "Sinuses",
                "sensitivity": "medium",
                "recommended_pressure": {"value": 2, "label": "light"},
                "max_pressure": {"value": 3, "label": "moderate"},
                "polygons": [[[0.4, 0.1], [0.5, 0.1], [0.5, 0.2], [0.4, 0.2]]],
                "highlighted": False,
            },
            {
                "slug": "liver",
                "name": "Liver",
                "sensitivity": "medium",
                "recommended_pressure": {"value": 3, "label": "moderate"},
                "max_pressure": {"value": 4, "label": "firm"},
                "polygons": [[[0.6, 0.4], [0.9, 0.4], [0.9, 0.5]]],
                "highlighted": False,
            },
        ],
        "areas": [],
    }


def test_left_foot_map_is_the_mirror_of_the_right(api, small_map):
    right = api.get(reverse("v1:foot-map") + "?foot=right&view=plantar").json()
    left = api.get(reverse("v1:foot-map") + "?foot=left&view=plantar").json()

    def mirrored(points):
        return [[round(1 - x, 6), y] for x, y in points]

    assert left["outline"] == mirrored(right["outline"])
    assert left["landmarks"][0]["points"] == mirrored(right["landmarks"][0]["points"])
    right_zones = {zone["slug"]: zone for zone in right["zones"]}
    assert [zone["slug"] for zone in left["zones"]] == ["sinuses"]  # the liver is right-only
    for zone in left["zones"]:
        expected = [mirrored(polygon) for polygon in right_zones[zone["slug"]]["polygons"]]
        assert zone["polygons"] == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [("view=plantar", "foot"), ("foot=left", "view"), ("foot=both&view=plantar", "foot")],
)
def test_foot_map_needs_a_foot_and_a_view(api, small_map, query, field):
    assert problem_fields(api.get(reverse("v1:foot-map") + "?" + query)) == {field}


def test_foot_map_of_an_undrawn_view_is_404(api, small_map):
    response = api.get(reverse("v1:foot-map") + "?foot=left&view=medial")
    assert response.status_code == 404
    assert "medial" in response.json()["detail"]


@pytest.mark.parametrize("how", ["accept", "route"])
def test_foot_map_svg_is_well_formed_with_one_shape_per_zone(api, small_map, how):
    if how == "accept":
        response = api.get(
            reverse("v1:foot-map") + "?foot=right&view=dorsal", HTTP_ACCEPT="image/svg+xml"
        )
    else:
        response = api.get(reverse("v1:foot-map-svg") + "?foot=right&view=dorsal")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    zones = root.findall(f"{SVG}path[@class='zone']")
    assert sorted(str(path.get("id")) for path in zones) == ["zone-sinuses", "zone-toe-webs"]
    assert [path.findtext(f"{SVG}title") for path in zones] == ["1. Sinuses", "2. Between the toes"]
    assert len(root.findall(f"{SVG}path[@class='outline']")) == 1


def test_svg_errors_are_still_problems(api, small_map):
    response = api.get(reverse("v1:foot-map-svg") + "?foot=middle&view=dorsal")
    assert problem_fields(response) == {"foot"}


def test_svg_escapes_editor_text(api, small_map):
    small_map["sinuses"].name_en = 'Sinuses <script>alert("x")</script> & co'
    small_map["sinuses"].save()
    response = api.get(reverse("v1:foot-map-svg") + "?foot=right&view=dorsal")
    root = ET.fromstring(response.content)
    assert root.findtext(f"{SVG}path[@id='zone-sinuses']/{SVG}title") == (
        '1. Sinuses <script>alert("x")</script> & co'
    )
    assert b"<script>" not in response.content
