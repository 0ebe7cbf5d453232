"""Benefits, techniques, contraindications and routines through /api/v1/: exact JSON, filters,
and drafts that never leak."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routines.models import Technique, Tool
from tests.factories import ContraindicationFactory, ZoneFactory, source_json, without_ids
from zones.models import Zone


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(response):
    return [item["slug"] for item in results(response)]


def without_dates(item):
    return {
        key: value
        for key, value in without_ids(item).items()
        if key not in {"published_at", "updated_at", "image"}  # pictures: test_pictures
    }


CRUK = source_json("Cancer Research UK, Reflexology")
# Every test database starts with one contraindication that applies to every routine.
GENERAL = {
    "slug": "general-caution",
    "name": "Любое заболевание под наблюдением врача",
    "severity": "take_care",
}


def test_routine_list_is_compact(api, catalogue):
    items = results(api.get(reverse("v1:routine-list")))
    assert all(item["published_at"].endswith("Z") for item in items)
    assert [without_dates(item) for item in items] == [
        {
            "slug": "sport",
            "title": "After sport",
            "summary": "A short one.",
            "difficulty": "moderate",
            "performer": "self",
            "total_duration_seconds": 300,
            "step_count": 1,
            "audiences": ["athletes"],
            "tools": [],
            "benefits": ["warm"],
            "review": None,
        },
        {
            "slug": "evening",
            "title": "Evening calm",
            "summary": "Wind down.",
            "difficulty": "easy",
            "performer": "self",
            "total_duration_seconds": 150,
            "step_count": 2,
            "audiences": ["stress"],
            "tools": [],
            "benefits": ["calm"],
            "review": None,
        },
    ]


def test_routine_detail_has_everything_a_player_needs(api, catalogue):
    body = api.get(reverse("v1:routine-detail", args=["evening"]), HTTP_ACCEPT_LANGUAGE="ru")
    assert body["Content-Language"] == "ru"
    assert without_dates(body.json()) == {
        "slug": "evening",
        "review": None,
        "title": "Вечерний покой",
        "summary": "Расслабьтесь.",
        "difficulty": "easy",
        "performer": "self",
        "total_duration_seconds": 150,
        "step_count": 2,
        "audiences": [{"slug": "stress", "name": "При стрессе"}],
        "tools": [],
        "benefits": [{"slug": "calm", "title": "Спокойствие", "evidence_level": "some_evidence"}],
        "introduction": "Приглушите свет.",
        "not_for": "",
        "safety_notes": "Остановитесь, если больно.",
        "contraindications": [
            GENERAL,
            {"slug": "thrombosis", "name": "Тромбоз", "severity": "do_not_massage"},
        ],
        "steps": [
            {
                "number": 1,
                "title": "Поглаживание",
                "instruction": "Гладьте.",
                "technique": {"slug": "stroking", "name": "Поглаживание"},
                "foot": "right",
                "zones": [
                    {"slug": "toe-webs", "name": "Между пальцами", "foot": "both", "region": "toes"}
                ],
                "area": {
                    "slug": "whole-foot",
                    "name": "Вся стопа",
                    "max_pressure": {"value": 3, "label": "moderate"},
                },
                "pressure": {"value": 1, "label": "feather"},
                "duration_seconds": 60,
                "repetitions": 3,
                "tip": "Тёплые руки.",
                "narration": "Гладьте.",
                "position": 1,
                "side": "right",
                "cues": [
                    {"at_seconds": 0, "kind": "start", "text": "Гладьте."},
                    {"at_seconds": 20, "kind": "repeat", "text": "Ещё раз: 2 из 3."},
                    {"at_seconds": 40, "kind": "repeat", "text": "Ещё раз: 3 из 3."},
                ],
            },
            {
                "number": 2,
                "title": "Печень",
                "instruction": "Проработайте.",
                "technique": {"slug": "thumb-walking", "name": "Шагание большим пальцем"},
                "foot": "right",
                "zones": [{"slug": "liver", "name": "Печень", "foot": "right", "region": "arch"}],
                "area": {
                    "slug": "whole-foot",
                    "name": "Вся стопа",
                    "max_pressure": {"value": 3, "label": "moderate"},
                },
                "pressure": {"value": 3, "label": "moderate"},
                "duration_seconds": 90,
                "repetitions": 2,
                "tip": "",
                "narration": "Теперь зона печени.",
                "position": 2,
                "side": "right",
                "cues": [
                    {"at_seconds": 0, "kind": "start", "text": "Теперь зона печени."},
                    {"at_seconds": 45, "kind": "repeat", "text": "Ещё раз: 2 из 2."},
                    {
                        "at_seconds": 90,
                        "kind": "end",
                        "text": "Сеанс окончен. Полежите или посидите минуту, прежде чем вставать.",
                    },
                ],
            },
        ],
        "timeline": {
            "total_seconds": 150,
            "steps": [
                {"position": 1, "starts_at_seconds": 0, "ends_at_seconds": 60},
                {"position": 2, "starts_at_seconds": 60, "ends_at_seconds": 150},
            ],
        },
    }


def test_steps_follow_their_new_order(api, catalogue):
    evening = catalogue["evening"]
    first, second = evening.steps.all()
    first.position, second.position = 2, 1
    first.save()
    second.save()
    steps = api.get(reverse("v1:routine-detail", args=["evening"])).json()["steps"]
    assert [(step["number"], step["title"]) for step in steps] == [(1, "Liver"), (2, "Stroke")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("benefit=calm", ["evening"]),
        ("benefit=warm", ["sport"]),
        ("audience=athletes", ["sport"]),
        ("audience=stress", ["evening"]),
        ("difficulty=moderate", ["sport"]),
        ("zone=liver", ["evening"]),
        ("zone=toe-webs", ["evening"]),
        ("body_part=liver", ["evening"]),
        ("body_part=lymph", ["evening"]),
        ("max_duration_seconds=150", ["evening"]),
        ("max_duration_seconds=149", []),
        ("max_duration_seconds=300", ["sport", "evening"]),
        ("search=evening", ["evening"]),
        ("search=вечерний", ["evening"]),
        ("search=secret", []),
        ("ordering=duration", ["evening", "sport"]),
        ("ordering=-duration", ["sport", "evening"]),
        ("ordering=-title", ["evening", "sport"]),
        ("benefit=calm&zone=liver&max_duration_seconds=1000", ["evening"]),
    ],
)
def test_routine_filters(api, catalogue, query, expected):
    assert slugs(api.get(f"{reverse('v1:routine-list')}?{query}")) == expected


def test_filters_with_joins_do_not_inflate_totals(api, catalogue):
    items = results(api.get(reverse("v1:routine-list") + "?zone=toe-webs&body_part=lymph"))
    assert [(i["slug"], i["total_duration_seconds"], i["step_count"]) for i in items] == [
        ("evening", 150, 2)
    ]


def outermost(sql: str) -> str:
    """``sql`` without what stands in parentheses: its subqueries, among other things."""
    while (stripped := re.sub(r"\([^()]*\)", "", sql)) != sql:
        sql = stripped
    return sql


@pytest.mark.parametrize("tools", ["without_tools=true", "tool=towel&without_tools=false"])
def test_every_filter_at_once_is_a_semi_join_each_never_a_join(api, catalogue, tools):
    # Joined, the many-valued filters (steps' zones, their body parts, tools...) repeat each
    # routine once per matching row and multiply one another: with every filter at once,
    # PostgreSQL ran past its 5 s statement timeout over the shipped 14 routines (a fuzzer 503).
    if "tool=" in tools:
        catalogue["evening"].tools.add(Tool.objects.create(slug="towel", name="Towel"))
    query = (
        f"benefit=calm&audience=stress&zone=liver&body_part=lymph&{tools}"
        "&max_duration_seconds=1000&difficulty=easy&performer=self"
    )
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"{reverse('v1:routine-list')}?{query}")
    assert slugs(response) == ["evening"]
    lists = [q["sql"] for q in queries.captured_queries if 'FROM "routines_routine"' in q["sql"]]
    assert lists
    for sql in lists:
        # Only the to-one rows each routine is shown with (select_related) are joined.
        joined = set(re.findall(r'JOIN "(\w+)"', outermost(sql)))
        assert joined <= {"footcare_picture", "routines_approval"}, sql
        assert "DISTINCT" not in sql, sql


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("benefit=not%20a%20slug", "benefit"),
        ("audience=r%C3%B6bots", "audience"),
        ("tool=" + "x" * 51, "tool"),
        ("difficulty=heroic", "difficulty"),
        ("zone=elbow/of/the/foot", "zone"),
        ("body_part=tail!", "body_part"),
        ("max_duration_seconds=soon", "max_duration_seconds"),
        ("max_duration_seconds=-5", "max_duration_seconds"),
        ("max_duration_seconds=300.5", "max_duration_seconds"),
        ("max_duration_seconds=5_0", "max_duration_seconds"),
        ("max_duration_seconds=1000000000", "max_duration_seconds"),
        ("without_tools=null", "without_tools"),
        ("without_tools=1", "without_tools"),
        ("without_tools=True", "without_tools"),
        ("ordering=price", "ordering"),
        ("ordering=--title", "ordering"),
        ("ordering=title,", "ordering"),
        ("ordering=%20title", "ordering"),
    ],
)
def test_invalid_routine_filters_are_400(api, catalogue, query, field):
    response = api.get(f"{reverse('v1:routine-list')}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [error["field"] for error in response.json()["errors"]] == [field]


@pytest.mark.parametrize(
    "query",
    ["benefit=immortality", "audience=robots", "tool=anvil", "zone=elbow", "body_part=tail"],
)
def test_a_well_formed_slug_that_names_nothing_matches_nothing(api, catalogue, query):
    response = api.get(f"{reverse('v1:routine-list')}?{query}")
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_ordering_takes_several_fields_in_order(api, catalogue):
    url = reverse("v1:routine-list")
    forward = [item["slug"] for item in results(api.get(f"{url}?ordering=title,slug"))]
    backward = [item["slug"] for item in results(api.get(f"{url}?ordering=-title,slug"))]
    assert forward == sorted(forward, key=lambda slug: catalogue[slug].title)
    assert backward == forward[::-1]


def test_drafts_never_leak(api, catalogue):
    assert api.get(reverse("v1:routine-detail", args=["secret-draft"])).status_code == 404
    everything = [reverse("v1:routine-list") + "?limit=500"] + [
        reverse("v1:routine-list") + f"?{q}"
        for q in ("search=secret", "zone=liver", "benefit=calm", "audience=stress")
    ]
    for url in everything:
        assert "secret-draft" not in slugs(api.get(url)), url
    calm = api.get(reverse("v1:benefit-detail", args=["calm"])).json()
    assert [routine["slug"] for routine in calm["routines"]] == ["evening"]
    for url in (reverse("v1:benefit-list"), reverse("v1:contraindication-list")):
        assert b"secret" not in api.get(url).content


def test_withdrawing_hides_a_routine_everywhere(api, catalogue):
    catalogue["evening"].withdraw()
    assert api.get(reverse("v1:routine-detail", args=["evening"])).status_code == 404
    assert slugs(api.get(reverse("v1:routine-list"))) == ["sport"]
    assert api.get(reverse("v1:benefit-detail", args=["calm"])).json()["routines"] == []


def test_benefit_detail(api, catalogue):
    body = api.get(reverse("v1:benefit-detail", args=["calm"]), HTTP_ACCEPT_LANGUAGE="ru").json()
    assert without_ids(body) == {
        "slug": "calm",
        "title": "Спокойствие",
        "summary": "Расслабляет.",
        "body": "Медленные касания успокаивают.",
        "evidence_level": "some_evidence",
        "evidence_note": "Меньше тревоги в исследованиях.",
        "audiences": [{"slug": "stress", "name": "При стрессе"}],
        "sources": [CRUK],
        "zones": [{"slug": "toe-webs", "name": "Между пальцами", "foot": "both", "region": "toes"}],
        "routines": [{"slug": "evening", "title": "Вечерний покой", "difficulty": "easy"}],
    }
    assert slugs(api.get(reverse("v1:benefit-list"))) == ["calm", "warm"]
    assert slugs(api.get(reverse("v1:benefit-list") + "?audience=stress")) == ["calm"]
    assert api.get(reverse("v1:benefit-list") + "?evidence_level=proven").status_code == 400


def test_techniques(api, catalogue):
    body = api.get(reverse("v1:technique-detail", args=["thumb-walking"])).json()
    assert body.pop("image")["content_type"] == "image/svg+xml"  # the factory's drawing
    assert without_ids(body) == {
        "slug": "thumb-walking",
        "name": "Thumb walking",
        "how_to": "Creep forward with the thumb.",
    }
    assert slugs(api.get(reverse("v1:technique-list") + "?search=шагание")) == ["thumb-walking"]
    assert api.get(reverse("v1:technique-detail", args=["flying"])).status_code == 404


def test_contraindications(api, catalogue):
    body = api.get(reverse("v1:contraindication-detail", args=["thrombosis"])).json()
    assert without_ids(body) == {
        "slug": "thrombosis",
        "name": "Thrombosis",
        "severity": "do_not_massage",
        "description": "Never massage.",
        "applies_to_every_routine": False,
        "zones": [
            {"slug": "toe-webs", "name": "Between the toes", "foot": "both", "region": "toes"}
        ],
        "techniques": [],
        "sources": [CRUK],
    }
    listing = reverse("v1:contraindication-list")
    assert slugs(api.get(listing + "?severity=do_not_massage")) == ["thrombosis"]
    assert slugs(api.get(listing + "?severity=take_care")) == ["general-caution"]
    assert slugs(api.get(listing + "?zone=toe-webs")) == ["thrombosis"]
    assert api.get(listing + "?severity=mild").status_code == 400


def test_a_routine_lists_every_contraindication_that_concerns_it(api, catalogue):
    """The general ones, those of its zones and techniques, and its own: computed, so none
    can be forgotten by an editor."""
    general = ContraindicationFactory(slug="fracture", applies_to_every_routine=True)
    of_a_zone = ContraindicationFactory(slug="liver-disease")
    of_a_zone.zones.set([Zone.objects.get(slug="liver")])
    of_a_technique = ContraindicationFactory(slug="thin-skin")
    of_a_technique.techniques.set([Technique.objects.get(slug="thumb-walking")])
    unrelated = ContraindicationFactory(slug="unrelated")
    unrelated.zones.set([ZoneFactory(slug="elsewhere")])
    listed = {
        item["slug"]
        for item in api.get(reverse("v1:routine-detail", args=["evening"])).json()[
            "contraindications"
        ]
    }
    assert listed == {
        "thrombosis",
        "general-caution",
        general.slug,
        of_a_zone.slug,
        of_a_technique.slug,
    }
    detail = api.get(reverse("v1:contraindication-detail", args=["thin-skin"])).json()
    assert detail["applies_to_every_routine"] is False
    assert [item["slug"] for item in detail["techniques"]] == ["thumb-walking"]
