"""Areas have polygons per view, so that a step that names only an area can be shown: in the
foot maps (JSON and SVG, ``highlight=``), both syncs and the admin (issue 24, point 4)."""

import re

import pytest
from django.urls import reverse

from tests.factories import (
    AreaFactory,
    FootOutlineFactory,
    LandmarkFactory,
    RoutineFactory,
    StepFactory,
)
from zones.models import Area, AreaShape

pytestmark = pytest.mark.django_db

SQUARE = [[0.3, 0.3], [0.5, 0.3], [0.5, 0.5], [0.3, 0.5]]


@pytest.fixture
def sole_area(db):
    FootOutlineFactory(view="plantar", aspect_ratio=0.4)
    LandmarkFactory()
    area = AreaFactory(slug="whole-sole", name_en="Whole sole", name_ru="Вся подошва")
    AreaShape.objects.create(area=area, view="plantar", polygons=[SQUARE])
    return area


def test_the_foot_map_marks_a_highlighted_area(api, sole_area):
    url = reverse("v1:foot-map") + "?foot=left&view=plantar&highlight=whole-sole"
    areas = api.get(url).json()["areas"]
    assert [(a["slug"], a["id"], a["highlighted"]) for a in areas] == [
        ("whole-sole", str(sole_area.uuid), True)
    ]
    # The left foot is the right one's mirror, as for zones.
    assert areas[0]["polygons"] == [[[0.7, 0.3], [0.5, 0.3], [0.5, 0.5], [0.7, 0.5]]]
    plain = api.get(reverse("v1:foot-map") + "?foot=left&view=plantar").json()["areas"]
    assert [a["highlighted"] for a in plain] == [False]


def test_the_svg_draws_a_highlighted_area_under_the_zones_and_names_it(api, sole_area):
    svg = api.get(reverse("v1:foot-map-svg") + "?foot=right&view=plantar&highlight=whole-sole")
    text = svg.content.decode()
    assert 'class="area" id="area-whole-sole"' in text
    assert (
        text.index('class="area"') < text.index('class="landmark"') if "landmark" in text else True
    )
    assert "Whole sole</title>" in text and "▨ Whole sole" in text
    plain = api.get(reverse("v1:foot-map-svg") + "?foot=right&view=plantar").content.decode()
    assert 'class="area"' not in plain  # only a highlighted area is drawn


def test_the_lean_sync_carries_the_areas_shapes_and_the_first_sync_stays_as_it_was(api, sole_area):
    areas = api.get(reverse("v1:lean-sync")).json()["upserts"]["areas"]
    assert [(a["slug"], a["shapes"]) for a in areas] == [
        ("whole-sole", [{"view": "plantar", "polygons": [SQUARE]}])
    ]
    # Its clients know its collections; a step still names its area inside the routine.
    assert "areas" not in api.get(reverse("v1:sync")).json()["upserts"]


def area_form(polygons: str) -> dict[str, str]:
    return {
        "name_en": "Heel",
        "name_ru": "Пятка",
        "slug": "heel",
        "max_pressure": "3",
        "position": "5",
        "shapes-TOTAL_FORMS": "1",
        "shapes-INITIAL_FORMS": "0",
        "shapes-MIN_NUM_FORMS": "0",
        "shapes-MAX_NUM_FORMS": "1000",
        "shapes-0-view": "plantar",
        "shapes-0-polygons": polygons,
    }


def test_an_editor_draws_an_area_and_sees_it_on_the_foot(admin_client):
    FootOutlineFactory(view="plantar")
    response = admin_client.post(
        reverse("admin:zones_area_add"), area_form("[[[0.3, 0.8], [0.7, 0.8], [0.6, 0.95]]]")
    )
    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())
    area = Area.objects.get(slug="heel")
    assert area.shapes.get().polygons == [[[0.3, 0.8], [0.7, 0.8], [0.6, 0.95]]]
    page = admin_client.get(reverse("admin:zones_area_change", args=[area.pk])).content.decode()
    assert 'class="area" id="area-heel"' in page


@pytest.mark.parametrize(
    ("polygons", "message"),
    [
        (
            "[[[0.1, 0.1], [0.5, 0.5], [0.5, 0.1], [0.1, 0.5]]]",
            "Polygon crosses itself; list its corners in order around the edge.",
        ),
        (
            "[[[0.1, 0.1], [1.5, 0.1], [0.3, 0.4]]]",
            "Polygon, point 2: [1.5, 0.1] is outside the map; "
            "both coordinates must be between 0 and 1.",
        ),
    ],
)
def test_a_bad_area_polygon_is_refused_in_plain_words(admin_client, polygons, message):
    FootOutlineFactory(view="plantar")
    response = admin_client.post(reverse("admin:zones_area_add"), area_form(polygons))
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Area.objects.filter(slug="heel").exists()


def test_a_routine_picture_shows_the_area_of_a_step_without_zones(api, sole_area):
    routine = RoutineFactory(slug="sole-rub")
    StepFactory(routine=routine, area=sole_area, zones=[])
    routine.publish()
    drawing = api.get(reverse("v1:routine-detail", args=["sole-rub"])).json()["image"]["url"]
    svg = api.get(drawing).content.decode()
    assert 'class="area" id="area-whole-sole"' in svg
