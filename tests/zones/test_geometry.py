import pytest
from django.core.exceptions import ValidationError

from tests.factories import ZoneFactory
from zones.geometry import is_self_intersecting, mirror_polygons, polygons_problems
from zones.models import FootOutline, Landmark, ZoneShape

TRIANGLE = [[0.1, 0.1], [0.5, 0.1], [0.3, 0.4]]
BOW_TIE = [[0.1, 0.1], [0.5, 0.5], [0.5, 0.1], [0.1, 0.5]]


def test_a_simple_polygon_has_no_problems():
    assert polygons_problems([TRIANGLE]) == []
    assert polygons_problems([TRIANGLE, [[0.6, 0.6], [0.9, 0.6], [0.9, 0.9], [0.6, 0.9]]]) == []


@pytest.mark.parametrize(
    ("polygons", "message"),
    [
        ([], "Give at least one polygon"),
        ("square", "Give at least one polygon"),
        ([[[0.1, 0.1], [0.2, 0.2]]], "has 2 point(s); it needs at least 3"),
        ([[[0.1, 0.1], [1.2, 0.1], [0.3, 0.4]]], "point 2: [1.2, 0.1] is outside the map"),
        ([[[0.1, -0.1], [0.5, 0.1], [0.3, 0.4]]], "point 1: [0.1, -0.1] is outside the map"),
        ([[[0.1, 0.1], ["a", 0.1], [0.3, 0.4]]], "point 2: ['a', 0.1] is not a pair of numbers"),
        ([[[0.1, 0.1], [0.5, 0.1, 0.2], [0.3, 0.4]]], "is not a pair of numbers"),
        ([BOW_TIE], "crosses itself"),
        ([[[0.1, 0.1], [0.5, 0.1], [0.1, 0.1], [0.3, 0.4]]], "repeats a point"),
        ([TRIANGLE, BOW_TIE], "Polygon 2 crosses itself"),
    ],
)
def test_each_bad_polygon_is_named(polygons, message):
    problems = polygons_problems(polygons)
    assert problems
    assert any(message in problem for problem in problems), problems


def test_touching_edges_count_as_self_intersection():
    # The fifth corner sits on the first edge: a degenerate, pinched outline.
    assert is_self_intersecting([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.5, 1.0), (0.5, 0.0)])
    assert not is_self_intersecting([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)])


def test_mirror_flips_x_only():
    assert mirror_polygons([TRIANGLE]) == [[[0.9, 0.1], [0.5, 0.1], [0.7, 0.4]]]
    assert mirror_polygons(mirror_polygons([TRIANGLE])) == [TRIANGLE]


@pytest.mark.django_db
def test_model_validation_rejects_bad_shapes_with_the_reason():
    zone = ZoneFactory()
    with pytest.raises(ValidationError) as error:
        ZoneShape(zone=zone, view="dorsal", polygons=[BOW_TIE]).full_clean()
    assert "crosses itself" in str(error.value.message_dict["polygons"])

    with pytest.raises(ValidationError) as error:
        FootOutline(view="dorsal", aspect_ratio=0.4, points=[[0, 0], [2, 0], [0, 1]]).full_clean()
    assert "outside the map" in str(error.value.message_dict["points"])

    with pytest.raises(ValidationError) as error:
        Landmark(slug="x", name="X", view="plantar", points=[[0.5, 0.5]]).full_clean()
    assert "needs at least 2" in str(error.value.message_dict["points"])


@pytest.mark.django_db
def test_recommended_pressure_may_not_exceed_the_maximum():
    zone = ZoneFactory.build(slug="too-hard", recommended_pressure=4, max_pressure=2)
    with pytest.raises(ValidationError) as error:
        zone.full_clean(exclude=["body_parts", "sources"])
    assert "cannot be harder than the maximum pressure (2)" in str(
        error.value.message_dict["recommended_pressure"]
    )
